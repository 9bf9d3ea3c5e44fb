import { code, markdownInline } from "../../../../src/untrusted-text.js";
import type { DiffReport } from "../change.js";
import { LEVEL_ORDER, type Level } from "../rules.js";

const HEADINGS = { breaking: "Breaking changes", warning: "Warnings", info: "Other changes" } as const;

/** What a pull-request body may hold: GitHub refuses more than 65 536 characters; a margin is kept. */
export const PULL_REQUEST_BODY_LIMIT = 60_000;
/** What a job summary may hold: GitHub refuses more than 1 MiB per step. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024 - 4096;

/**
 * Markdown table cells cannot hold a raw `|` (not even in a code span) or a line break.
 * `markdownInline` keeps every name the differ put in a code span there and puts any other
 * word Markdown or GitHub would read as syntax (a media type's `<img>`, `@team`, `#1`) in one.
 */
function cell(text: string): string {
  return markdownInline(text).replaceAll("|", "\\|");
}

/** Sizes are counted in UTF-8 bytes, which are never fewer than characters: a limit of either holds. */
const size = (text: string) => Buffer.byteLength(text) + 1;

/** The counts, as a one-row table. */
export function summaryTable(report: DiffReport): string[] {
  const { summary } = report;
  return [
    "| breaking | warning | info | paths (+/−) | operations (+/−/changed) | schemas (+/−/changed) |",
    "|---:|---:|---:|---|---|---|",
    `| ${summary.breaking} | ${summary.warning} | ${summary.info} | +${summary.paths.added} / −${summary.paths.removed} | +${summary.operations.added} / −${summary.operations.removed} / ${summary.operations.changed} | +${summary.schemas.added} / −${summary.schemas.removed} / ${summary.schemas.changed} |`,
  ];
}

export interface ChangeListOptions {
  /** Most bytes the list may take; rows past it are counted, not shown. */
  maxBytes?: number;
  /** Where the whole report is, for the line that says how many rows were left out. */
  fullReport?: string;
}

/**
 * The changes as tables, breaking first, then warnings, then the rest, each row one
 * change. Within `maxBytes`: rows are taken in that order while they fit (so breaking
 * changes are the last to be cut), and a closing line says how many were left out of
 * each level and where the whole report is.
 */
export function changeTables(report: DiffReport, options: ChangeListOptions = {}): string[] {
  const closingReserve = 400;
  const budget = (options.maxBytes ?? Number.POSITIVE_INFINITY) - closingReserve;
  const lines: string[] = [];
  let used = 0;
  const left: Record<Level, number> = { breaking: 0, warning: 0, info: 0 };
  for (const level of LEVEL_ORDER) {
    const changes = report.changes.filter((found) => found.level === level);
    if (changes.length === 0) continue;
    const heading = [
      `### ${HEADINGS[level]} (${changes.length})`,
      "",
      "| operation | change | rule |",
      "|---|---|---|",
    ];
    const headingSize = heading.reduce((sum, line) => sum + size(line), 0);
    const rows: string[] = [];
    for (const found of changes) {
      const row = `| ${found.operation === null ? "—" : cell(code(found.operation))} | ${cell(found.message)} | \`${found.id}\` |`;
      if (used + headingSize + size(row) > budget) {
        left[level]++;
        continue;
      }
      used += size(row);
      rows.push(row);
    }
    if (rows.length === 0) continue;
    used += headingSize + 1;
    lines.push(...heading, ...rows, "");
  }
  const omitted = left.breaking + left.warning + left.info;
  if (omitted > 0) {
    const parts = LEVEL_ORDER.filter((level) => left[level] > 0).map((level) => `${left[level]} ${level}`);
    const where = options.fullReport ? `; the full report is ${options.fullReport}` : "";
    lines.push(`… and ${omitted} more changes not shown here (${parts.join(", ")})${where}.`, "");
  }
  return lines;
}

/** A report for a pull request body or `$GITHUB_STEP_SUMMARY`: the counts, then the changes (within `maxBytes`). */
export function formatMarkdown(report: DiffReport, options: ChangeListOptions & { title?: string } = {}): string {
  const lines = [`## ${options.title ?? "OpenAPI drift report"}`, ""];
  if (report.changes.length === 0) return `${lines.join("\n")}No changes.\n`;
  lines.push(...summaryTable(report), "");
  const used = lines.reduce((sum, line) => sum + size(line), 0);
  lines.push(...changeTables(report, { ...options, maxBytes: (options.maxBytes ?? Number.POSITIVE_INFINITY) - used }));
  return `${lines.join("\n")}`;
}
