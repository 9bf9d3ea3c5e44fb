import { code, markdownInline, oneLine } from "../../../src/untrusted-text.js";
import type { Change, DiffReport } from "../diff/change.js";
import { changeTables, PULL_REQUEST_BODY_LIMIT, summaryTable } from "../diff/report/markdown.js";
import type { PathParameterRepair } from "../generate/repair-path-params.js";
import type { Bump } from "../release/version.js";
import { describeTestCounts, type TestCounts } from "./test-counts.js";
import type { CompileError } from "./tsc-output.js";

export interface Verification {
  typecheck: { ok: boolean; errors: CompileError[] };
  /** Undefined when the tests were not run (the code did not compile). */
  tests: { ok: boolean; tail: string; counts?: TestCounts; failed?: readonly string[] } | undefined;
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
  /** The version proposed: the bump the drift asks for, and the part of the number that moved. */
  release?: { previous: string; version: string; bump: Bump; moved: Bump };
  /** What the generator had to repair in the new document (also in the banners of generated/). */
  repairs?: readonly PathParameterRepair[];
  /** New operations that no named function wraps (`METHOD path`). */
  unwrapped?: readonly string[];
}

/** Entries listed at the most in the repairs and new-operations sections; the rest are counted. */
const MAX_LISTED = 20;

const BUMP_MEANING: Record<Bump, string> = {
  major: "a change breaks clients",
  minor: "operations, fields or values were added",
  patch: "nothing was added and nothing broke",
};

function versionSection(release: NonNullable<SyncReportOptions["release"]>): string[] {
  const { previous, version, bump, moved } = release;
  const lines = [`- ${code(previous)} → ${code(version)}: **${moved}**.`];
  if (moved !== bump) {
    lines.push(
      `- The drift asks for a ${bump} release (${BUMP_MEANING[bump]}); below 1.0.0 a ${bump} change moves the ${moved} number, as npm's caret ranges read a 0.x version.`,
    );
  } else {
    lines.push(`- ${BUMP_MEANING[bump][0]?.toUpperCase()}${BUMP_MEANING[bump].slice(1)}.`);
  }
  return ["## Version", "", ...lines, ""];
}

function listed(items: readonly string[]): string[] {
  const lines = items.slice(0, MAX_LISTED).map((item) => `- ${item}`);
  if (items.length > MAX_LISTED) lines.push(`- … and ${items.length - MAX_LISTED} more`);
  return lines;
}

function repairsSection(repairs: readonly PathParameterRepair[]): string[] {
  const head = ["## Repairs the new document needed", ""];
  if (repairs.length === 0) return [...head, "None: the document is generated as published.", ""];
  const what = (repair: PathParameterRepair) =>
    repair.kind === "undeclared"
      ? `undeclared path parameter ${code(repair.parameter)} declared as a required string`
      : `path parameter ${code(repair.parameter)} admits null; narrowed to its non-null schema`;
  const items = repairs.map((repair) => {
    const id = typeof repair.operationId === "string" ? ` (operationId ${code(repair.operationId)})` : "";
    return `${code(`${repair.method.toUpperCase()} ${repair.path}`)}${id}: ${what(repair)}`;
  });
  return [
    ...head,
    `${repairs.length} repairs before generation, recorded in the banners of \`generated/\`; the vendored spec stays as published:`,
    "",
    ...listed(items),
    "",
  ];
}

function unwrappedSection(unwrapped: readonly string[]): string[] {
  if (unwrapped.length === 0) return [];
  return [
    "## New operations without a wrapper",
    "",
    `${unwrapped.length} new operations are typed and callable through the client (\`client.GET\`, \`client.POST\`, …) but have no named function of their own:`,
    "",
    ...listed(unwrapped.map((operation) => code(operation))),
    "",
  ];
}

function testsLine(tests: Verification["tests"]): string {
  if (tests === undefined) return "- tests: not run (the code does not compile)";
  const counted = tests.counts ? describeTestCounts(tests.counts) : "the test command printed no count";
  return `- tests: ${tests.ok ? "pass" : "**fail**"}, ${counted}`;
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
  const lines = ["## Upstream spec changes", "", ...summaryTable(report), ""];
  if (options.release) lines.push(...versionSection(options.release));
  lines.push("## Verification", "");
  const { typecheck, tests } = verification;
  lines.push(
    `- typecheck (\`tsc --noEmit\`): ${typecheck.ok ? "passes" : `**fails** with ${typecheck.errors.length} errors`}`,
  );
  lines.push(testsLine(tests));
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
    if (tests.failed && tests.failed.length > 0) {
      lines.push("", "### Failing tests", "", ...listed(tests.failed.map((name) => code(name))));
    }
    lines.push("", "### Test output (last lines)", "", "```", ...tail, "```");
  }
  lines.push("");
  if (options.repairs) lines.push(...repairsSection(options.repairs));
  if (options.unwrapped) lines.push(...unwrappedSection(options.unwrapped));
  lines.push("## Changes", "");
  if (report.changes.length === 0) lines.push("No changes.");
  const used = Buffer.byteLength(lines.join("\n")) + 1;
  const budget = (options.maxBytes ?? PULL_REQUEST_BODY_LIMIT) - used;
  lines.push(...changeTables(report, { maxBytes: budget, fullReport: options.fullReport }));
  return `${lines.join("\n").trimEnd()}\n`;
}
