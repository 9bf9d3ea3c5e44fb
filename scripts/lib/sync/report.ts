import { code, markdownInline, oneLine } from "../../../src/untrusted-text.js";
import type { Change, DiffReport } from "../diff/change.js";
import { changeTables, PULL_REQUEST_BODY_LIMIT, summaryTable } from "../diff/report/markdown.js";
import type { CompileError } from "./tsc-output.js";

export interface Verification {
  typecheck: { ok: boolean; errors: CompileError[] };
  /** Undefined when the tests were not run (the code did not compile). */
  tests: { ok: boolean; tail: string } | undefined;
}

/** The names a change is about: the backticked identifiers of its message (`a.b[]` → `b`). */
function namesOf(change: Change): string[] {
  return [...change.message.matchAll(/`([^`]+)`/g)].map(
    (match) =>
      (match[1] as string)
        .split(/[.[\]]+/)
        .filter(Boolean)
        .pop() ?? "",
  );
}

const QUOTES = new Set(["'", '"']);

/**
 * Whether `text` holds `name` between quotes. A plain string search: the name comes from
 * the document, and compiled into a regular expression it would be syntax (`sessions (beta`
 * does not compile, `(a|aa)+$` backtracks for ever).
 */
function quotes(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (QUOTES.has(text.charAt(at - 1)) && QUOTES.has(text.charAt(at + name.length))) return true;
  }
  return false;
}

/**
 * The drift a compiler error most likely comes from: a change whose identifier the error
 * message quotes (tsc quotes property and type names: `Property 'x' does not exist`).
 */
export function causesOf(error: CompileError, changes: readonly Change[]): Change[] {
  return changes.filter((change) => namesOf(change).some((name) => name && quotes(error.message, name)));
}

/** The end of the test output shown at the most. */
const MAX_TEST_TAIL_BYTES = 6000;

/** Compiler errors listed at the most; the rest are counted. */
const MAX_COMPILE_ERRORS = 40;

export interface SyncReportOptions {
  /** Most bytes the report may take (default: what a pull-request body may hold). */
  maxBytes?: number;
  /** Where the full drift report is, named when changes are left out. */
  fullReport?: string;
}

/**
 * The pull-request body of a sync, in the order a reviewer needs it: the counts, whether
 * the wrapper still compiles and passes its tests (each compiler error next to the drift
 * that caused it), then the changes, breaking first, as many as fit in `maxBytes`.
 */
export function formatSyncReport(
  report: DiffReport,
  verification: Verification,
  options: SyncReportOptions = {},
): string {
  const lines = ["## Upstream spec changes", "", ...summaryTable(report), "", "## Verification", ""];
  const { typecheck, tests } = verification;
  lines.push(
    `- typecheck (\`tsc --noEmit\`): ${typecheck.ok ? "passes" : `**fails** with ${typecheck.errors.length} errors`}`,
  );
  lines.push(
    `- tests: ${tests === undefined ? "not run (the code does not compile)" : tests.ok ? "pass" : "**fail**"}`,
  );
  if (!typecheck.ok) {
    lines.push("", "### What no longer compiles", "");
    for (const error of typecheck.errors.slice(0, MAX_COMPILE_ERRORS)) {
      const where = code(`${error.file}:${error.line}`);
      const causes = causesOf(error, report.changes);
      const cause =
        causes.length > 0
          ? causes
              .map(
                (change) =>
                  `${change.operation ? `${code(change.operation)}: ` : ""}${change.message} (\`${change.id}\`)`,
              )
              .join("; ")
          : "no single change of the report names it";
      // tsc quotes the document's names in its message: it is prose from the document too.
      lines.push(
        `- ${markdownInline(cause)} → ${where} no longer compiles: ${error.code} ${markdownInline(error.message)}`,
      );
    }
    const more = typecheck.errors.length - MAX_COMPILE_ERRORS;
    if (more > 0) lines.push(`- … and ${more} more compiler errors`);
  }
  if (tests && !tests.ok) {
    // Its lines may quote the document: one line each, and no run of backticks that would end the fence.
    const tail = tests.tail
      .slice(-MAX_TEST_TAIL_BYTES)
      .split("\n")
      .map((line) => oneLine(line).replaceAll("```", "`\u200b``"));
    lines.push("", "### Test output (last lines)", "", "```", ...tail, "```");
  }
  lines.push("", "## Changes", "");
  if (report.changes.length === 0) lines.push("No changes.");
  const used = Buffer.byteLength(lines.join("\n")) + 1;
  const budget = (options.maxBytes ?? PULL_REQUEST_BODY_LIMIT) - used;
  lines.push(...changeTables(report, { maxBytes: budget, fullReport: options.fullReport }));
  return `${lines.join("\n").trimEnd()}\n`;
}
