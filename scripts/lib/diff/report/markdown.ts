import { code, oneLine } from "../../../../src/untrusted-text.js";
import type { DiffReport } from "../change.js";
import { LEVEL_ORDER } from "../rules.js";

const HEADINGS = { breaking: "Breaking changes", warning: "Warnings", info: "Other changes" } as const;

/**
 * Markdown table cells cannot hold a raw `|` or a line break. Every name from the
 * document is already inside a code span (`code`), so nothing in it is read as Markdown
 * or HTML; `oneLine` makes sure nothing else breaks the row.
 */
function cell(text: string): string {
  return oneLine(text).replaceAll("|", "\\|");
}

/** A report for a pull request body or `$GITHUB_STEP_SUMMARY`. */
export function formatMarkdown(report: DiffReport, title = "OpenAPI drift report"): string {
  const { summary } = report;
  const lines = [`## ${title}`, ""];
  if (report.changes.length === 0) return `${lines.join("\n")}No changes.\n`;
  lines.push(
    "| breaking | warning | info | paths (+/−) | operations (+/−/changed) | schemas (+/−/changed) |",
    "|---:|---:|---:|---|---|---|",
    `| ${summary.breaking} | ${summary.warning} | ${summary.info} | +${summary.paths.added} / −${summary.paths.removed} | +${summary.operations.added} / −${summary.operations.removed} / ${summary.operations.changed} | +${summary.schemas.added} / −${summary.schemas.removed} / ${summary.schemas.changed} |`,
    "",
  );
  for (const level of LEVEL_ORDER) {
    const changes = report.changes.filter((found) => found.level === level);
    if (changes.length === 0) continue;
    lines.push(`### ${HEADINGS[level]} (${changes.length})`, "", "| operation | change | rule |", "|---|---|---|");
    for (const found of changes) {
      lines.push(
        `| ${found.operation === null ? "—" : cell(code(found.operation))} | ${cell(found.message)} | \`${found.id}\` |`,
      );
    }
    lines.push("");
  }
  return `${lines.join("\n")}`;
}
