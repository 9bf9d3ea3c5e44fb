import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { SYNC_CHILD_ENV } from "../../scripts/lib/sync/run-sync.js";
import { main } from "../../scripts/sync.js";
import {
  ADDITIVE_KINDS,
  type AdditiveKind,
  additiveEdits,
  allAdditiveEdits,
  withAdditive,
} from "../support/additive-changes.js";
import { BREAKING_KINDS, type BreakingKind, breakingEdit, withBreaking } from "../support/breaking-changes.js";
import { gitProjectCopy } from "../support/git-project.js";
import type { TestServer } from "../support/http-server.js";
import type { ProjectCopy } from "../support/project-copy.js";
import { REPO_ROOT } from "../support/project-copy.js";
import { runMain } from "../support/run-main.js";
import { runProcess, runScript } from "../support/run-process.js";
import { startSpecServer } from "../support/spec-server.js";
import { type Doc, VENDORED_SPEC_TEXT } from "../support/spec-variants.js";

const run = promisify(execFile);

/**
 * The tests that can notice a break of what the client and the command line use: a sync of
 * one kind runs these. The packed package (test/package.test.ts) is tried once per document,
 * in the whole-suite sync of every kind at once.
 */
const CLIENT_TESTS = `${process.execPath} node_modules/vitest/vitest.mjs run test/src test/contract`;
/** The whole fast suite, as `sync` runs it by default. */
const WHOLE_SUITE = `${process.execPath} node_modules/vitest/vitest.mjs run`;

const seed = process.env.CHANGES_SEED === undefined ? undefined : Number(process.env.CHANGES_SEED);
/** One generated case per run: each is a sync in a copy. No shrinking: a failure prints its seed for a replay. */
const ONE_CASE = { numRuns: 1, seed, endOnFailure: true };

/** A git copy of the project with `base` vendored, generated and committed, synced from a local server. */
async function syncableProject(base: string | undefined) {
  let revision = "";
  const server: TestServer = await startSpecServer({
    "/revision.json": (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(revision);
    },
  });
  const project: ProjectCopy = await gitProjectCopy();
  if (base !== undefined) {
    await writeFile(join(project.root, "base.yaml"), base);
    for (const [script, args] of [
      ["spec-fetch", ["--file", "base.yaml"]],
      ["generate", []],
    ] as const) {
      const result = await runScript(project.root, script, args);
      expect(result.code, result.stderr).toBe(0);
    }
    const git = (...args: string[]) => runProcess("git", args, { cwd: project.root });
    await git("add", "-A");
    await git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-qm", "base");
  }
  const document: Doc = parse(await readFile(join(project.root, "spec", "v3-openapi.yaml"), "utf8"));
  return {
    document,
    /** Resets the copy to its commit and syncs it to `doc`. */
    async sync(doc: Doc, testCommand: string) {
      await run("git", ["checkout", "-q", "--", "."], { cwd: project.root });
      await run("git", ["clean", "-fdq", "spec", "generated", "CHANGELOG.md"], { cwd: project.root });
      // JSON, which a document may be: every name survives as it is (YAML would need quoting rules).
      revision = JSON.stringify(doc, null, 1);
      return runMain(main, [
        "--root",
        project.root,
        "--url",
        `${server.url}/revision.json`,
        "--test-command",
        testCommand,
      ]);
    },
    async close() {
      await server.close();
      await project.remove();
    },
  };
}

type Project = Awaited<ReturnType<typeof syncableProject>>;

const outputOf = (result: { stdout: string; stderr: string }) =>
  `${result.stderr.slice(-3000)}\n${result.stdout.slice(0, 4000)}`;

/**
 * Generated upstream changes through `sync` end to end (fetch, regenerate, typecheck, the
 * tests): every additive kind on its own and all at once must merge green (exit 0, no
 * breaking change reported); every break of what the wrapper uses must turn it red (exit 1).
 * Kinds the vendored spec has no place for run on the three operations published beyond it.
 */
describe.skipIf(process.env[SYNC_CHILD_ENV])("generated upstream changes through sync", () => {
  let vendored: Project;
  let threeOps: Project;
  beforeAll(async () => {
    vendored = await syncableProject(undefined);
    threeOps = await syncableProject(
      await readFile(join(REPO_ROOT, "test", "fixtures", "devin-v3-three-ops.yaml"), "utf8"),
    );
  });
  afterAll(async () => {
    await vendored?.close();
    await threeOps?.close();
  });
  /** The project whose document has a place for the kind: the vendored spec first. */
  const projectFor = (has: (doc: Doc) => boolean) => (has(vendored.document) ? vendored : threeOps);

  const green = async (project: Project, doc: Doc, testCommand: string) => {
    const result = await project.sync(doc, testCommand);
    expect(result.code, outputOf(result)).toBe(0);
    expect(result.stdout).toMatch(/^\| 0 \| \d+ \| \d+ \|/m);
  };

  test.each([...ADDITIVE_KINDS])("additive, %s on its own: sync exits 0", async (kind: AdditiveKind) => {
    const project = projectFor((doc) => additiveEdits(doc, kind) !== undefined);
    await fc.assert(
      fc.asyncProperty(additiveEdits(project.document, kind) as fc.Arbitrary<never>, async (edits) => {
        const { doc, applied } = withAdditive(project.document, edits);
        // Edits that do not apply (an operation on a path and method taken, an example unchanged) are
        // drawn again, as in the fast suite: a sync of no change would prove nothing.
        fc.pre(applied.length > 0);
        await green(project, doc, CLIENT_TESTS);
      }),
      ONE_CASE,
    );
  });

  test.each([
    ["the vendored spec", () => vendored],
    ["the three published operations", () => threeOps],
  ])(
    "additive, every kind at once on %s: sync exits 0 with the whole suite green",
    async (_, project) => {
      await fc.assert(
        fc.asyncProperty(allAdditiveEdits(project().document), async (edits) => {
          await green(project(), withAdditive(project().document, edits).doc, WHOLE_SUITE);
        }),
        ONE_CASE,
      );
    },
    900_000,
  );

  test.each([...BREAKING_KINDS])("breaking, %s: sync exits 1", async (kind: BreakingKind) => {
    const project = projectFor((doc) => breakingEdit(doc, kind) !== undefined);
    await fc.assert(
      fc.asyncProperty(breakingEdit(project.document, kind) as fc.Arbitrary<never>, async (edit) => {
        const result = await project.sync(withBreaking(project.document, edit), CLIENT_TESTS);
        expect(result.code, outputOf(result)).toBe(1);
      }),
      ONE_CASE,
    );
  });

  test("the copies start from the documents the generators were planned on", () => {
    expect(vendored.document).toEqual(parse(VENDORED_SPEC_TEXT));
  });
});
