import type { Change, DiffReport } from "../diff/change.js";
import { formatMarkdown } from "../diff/report/markdown.js";
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

/**
 * The drift a compiler error most likely comes from: a change whose identifier the error
 * message quotes (tsc quotes property and type names: `Property 'x' does not exist`).
 */
export function causesOf(error: CompileError, changes: readonly Change[]): Change[] {
  return changes.filter((change) =>
    namesOf(change).some((name) => name && new RegExp(`['"]${name}['"]`).test(error.message)),
  );
}

/**
 * The pull-request body of a sync: the drift report, then whether the wrapper still
 * compiles and passes its tests, with each compiler error next to the drift that caused it.
 */
export function formatSyncReport(report: DiffReport, verification: Verification): string {
  const lines = [formatMarkdown(report, "Upstream spec changes").trimEnd(), "", "## Verification", ""];
  const { typecheck, tests } = verification;
  lines.push(
    `- typecheck (\`tsc --noEmit\`): ${typecheck.ok ? "passes" : `**fails** with ${typecheck.errors.length} errors`}`,
  );
  lines.push(
    `- tests: ${tests === undefined ? "not run (the code does not compile)" : tests.ok ? "pass" : "**fail**"}`,
  );
  if (!typecheck.ok) {
    lines.push("", "### What no longer compiles", "");
    for (const error of typecheck.errors) {
      const where = `${error.file}:${error.line}`;
      const causes = causesOf(error, report.changes);
      const cause =
        causes.length > 0
          ? causes
              .map((change) => `${change.operation ? `${change.operation}: ` : ""}${change.message} (\`${change.id}\`)`)
              .join("; ")
          : "no single change of the report names it";
      lines.push(`- ${cause} → \`${where}\` no longer compiles: ${error.code} ${error.message}`);
    }
  }
  if (tests && !tests.ok) lines.push("", "### Test output (last lines)", "", "```", tests.tail, "```");
  return `${lines.join("\n")}\n`;
}
