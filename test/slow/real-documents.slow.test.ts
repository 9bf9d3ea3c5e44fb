import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseOpenApiDocument } from "../../scripts/lib/document/parse-openapi.js";
import { decodeDocument } from "../../scripts/lib/document/parse-text.js";
import { repairPathParameters } from "../../scripts/lib/generate/repair-path-params.js";
import { REPO_ROOT } from "../support/project-copy.js";
import { REAL_DOCUMENTS, REAL_PAIRS, type RealDocument, realDocument } from "../support/real-documents.js";
import { type ProcessResult, runProcess } from "../support/run-process.js";

/**
 * Published documents, each fetched with `npm pack` at a pinned version and checked by its
 * sha256, run through the pipeline as a user runs it: vendored (`spec:fetch --file`), with
 * the warnings it deserves and no refusal; generated, and generated exactly as the bare
 * openapi-typescript CLI generates it (our banner aside, and, where the document leaves
 * path parameters undeclared, the bare CLI given the repaired document); and diffed against
 * its previous version (exit 0 or 1, never 2).
 */
const CACHE = join(REPO_ROOT, ".cache", "real-documents");
const LAUNCHER = join(REPO_ROOT, "scripts", "launch.mjs");
const BARE_CLI = join(REPO_ROOT, "node_modules", "openapi-typescript", "bin", "cli.js");

const files = new Map<string, string>();
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "real-documents-"));
  for (const document of REAL_DOCUMENTS) files.set(document.id, await realDocument(CACHE, document));
}, 900_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const command = (name: string, args: string[], cwd = scratch) =>
  runProcess(process.execPath, [LAUNCHER, name, ...args], { cwd, timeoutMs: 600_000 });

/** A file's text without its leading comment blocks (our banner; the bare CLI's header). */
function body(text: string): string {
  let rest = text;
  while (rest.startsWith("/**")) rest = rest.slice(rest.indexOf("*/") + 2).replace(/^\n+/, "");
  return rest;
}

/** The number of distinct warnings the lines report: the count of the closing line, else the lines. */
function warningCount(result: ProcessResult): number {
  const lines = result.stderr.split("\n").filter((line) => line.startsWith("warning: "));
  const all = /\((\d+) in all\)$/.exec(lines.at(-1) ?? "")?.[1];
  return all === undefined ? lines.length : Number(all);
}

describe.each(REAL_DOCUMENTS.map((document) => [document.id, document] as const))(
  "%s",
  (id, document: RealDocument) => {
    const root = () => join(scratch, id);

    if (document.refused) {
      test("is refused in one line, as out of the pipeline's scope", async () => {
        const fetched = await command("spec-fetch", ["--root", root(), "--file", files.get(id) as string]);
        expect(fetched.code).toBe(2);
        expect(fetched.stderr).toMatch(document.refused as RegExp);
        expect(fetched.stderr.trimEnd().split("\n")).toHaveLength(1);
      });
      return;
    }

    test("is vendored, with the warnings it deserves", async () => {
      const fetched = await command("spec-fetch", ["--root", root(), "--file", files.get(id) as string]);
      expect(fetched.stderr).not.toMatch(/^error/m);
      expect(fetched.code).toBe(0);
      expect(warningCount(fetched)).toBe(document.warnings);
    });

    test("is generated, exactly as the bare openapi-typescript CLI generates it", async () => {
      const generated = await command("generate", ["--root", root()]);
      expect(generated.stderr).not.toMatch(/^error/m);
      expect(generated.code).toBe(0);
      const ours = await readFile(join(root(), "generated", "devin-v3.ts"), "utf8");

      // The documented repair (README: declare path-template parameters the document forgot):
      // the bare CLI is given the repaired document, so the comparison shows that it is the only difference.
      const file = files.get(id) as string;
      const { document: repaired, repairs } = repairPathParameters(
        parseOpenApiDocument(decodeDocument(await readFile(file), id), id),
      );
      const input = repairs.length === 0 ? file : join(root(), "repaired.json");
      if (repairs.length > 0) await writeFile(input, JSON.stringify(repaired));
      expect(generated.stderr.split("\n").filter((line) => line.includes("path parameter"))).toHaveLength(
        repairs.length,
      );
      const output = join(root(), "bare.ts");
      const bare = await runProcess(process.execPath, [BARE_CLI, input, "-o", output], { timeoutMs: 600_000 });
      expect(bare.code).toBe(0);
      expect(body(ours)).toBe(body(await readFile(output, "utf8")));
    });
  },
);

describe.each(REAL_PAIRS)("%s → %s", (baseId, revisionId) => {
  test("is diffed: exit 0 or 1, never 2, and the report is JSON", async () => {
    const result = await command("spec-diff", [
      "--base",
      files.get(baseId) as string,
      "--file",
      files.get(revisionId) as string,
      "--format",
      "json",
    ]);
    expect(result.stderr).not.toMatch(/^error/m);
    expect([0, 1]).toContain(result.code);
    const report = JSON.parse(result.stdout) as { changes: unknown[] };
    expect(result.code === 1).toBe(report.changes.length > 0);
  });
});
