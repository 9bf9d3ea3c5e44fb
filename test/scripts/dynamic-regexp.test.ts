import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { describe, expect, test } from "vitest";
import { REPO_ROOT } from "../support/project-copy.js";

/**
 * Every regular expression the pipeline and the library compile at run time, and what each
 * is built from. None may be built from the document's or a server's text: a name such as
 * `sessions (beta` does not compile, and `(a|aa)+$` backtracks for ever (string search is used
 * instead, as in `sync/report.ts`). A new `RegExp(` fails this test until it is listed here
 * with what it is built from.
 */
const BUILT_FROM_OUR_OWN_TEXT: Record<string, string> = {
  "scripts/lib/fetch/lock.ts": "the spec and lock file names of the project",
  "scripts/lib/generate/banner.ts": "the banner's own field names",
  "scripts/lib/bench/measure.ts": "the benchmark's marker constant",
  "scripts/lib/sync/test-counts.ts": "the escape character that starts a colour code",
  "src/redact.ts": "the caller's API key, every character escaped (to redact it)",
  "src/cli/usage/escape-csv.ts": "the command's own list of acting characters (ACTING_CHARACTERS)",
  "src/cli/usage/escape-html.ts": "the command's own list of acting characters (ACTING_CHARACTERS)",
  "src/cli/usage/escape-terminal.ts": "the command's own list of acting characters (ACTING_CHARACTERS)",
  "src/cli/usage/render-openmetrics.ts": "the command's own list of acting characters (ACTING_CHARACTERS)",
};

function sourceFiles(folder: string): string[] {
  return readdirSync(join(REPO_ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path.split(sep).join("/")] : [];
  });
}

describe("regular expressions compiled at run time", () => {
  const compiling = [...sourceFiles("scripts"), ...sourceFiles("src")].filter((file) =>
    /\bRegExp\s*\(/.test(readFileSync(join(REPO_ROOT, file), "utf8")),
  );

  test("the search finds the ones there are", () => {
    expect(compiling).toContain("src/redact.ts");
  });

  test("each is built from the project's own text, never the document's", () => {
    expect(compiling.filter((file) => !Object.hasOwn(BUILT_FROM_OUR_OWN_TEXT, file))).toEqual([]);
  });
});
