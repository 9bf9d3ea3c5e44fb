import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { SYNC_CHILD_ENV } from "../../scripts/lib/sync/run-sync.js";
import { CHANGE_CASES } from "../fixtures/change-cases.js";
import { gitProjectCopy } from "../support/git-project.js";
import type { TestServer } from "../support/http-server.js";
import type { ProjectCopy } from "../support/project-copy.js";
import { REPO_ROOT } from "../support/project-copy.js";
import { runProcess, runScript } from "../support/run-process.js";
import { startSpecServer } from "../support/spec-server.js";
import { type Doc, devinSpec } from "../support/spec-variants.js";

const NON_BREAKING = CHANGE_CASES.filter(([, change]) => change.want.level !== "breaking");

/**
 * The loop's promise: an upstream change that breaks nothing the wrapper or the command
 * line uses merges green. Every info and warning change case the differ knows, applied
 * together, on top of the three operations published beyond the seed (with their
 * nullable path parameters), synced in a copy of the project: `sync` regenerates,
 * typechecks and runs the whole suite there, and must exit 0.
 */
describe.skipIf(process.env[SYNC_CHILD_ENV])("benign upstream changes merge green", () => {
  let project: ProjectCopy;
  let server: TestServer;
  let revision: Doc;

  beforeAll(async () => {
    const base = devinSpec();
    for (const [, change] of NON_BREAKING) change.setup?.(base);
    revision = parse(await readFile(join(REPO_ROOT, "test", "fixtures", "devin-v3-three-ops.yaml"), "utf8"));
    for (const [, change] of NON_BREAKING) {
      change.setup?.(revision);
      change.edit(revision);
    }
    server = await startSpecServer({ "/revision.yaml": { body: stringify(revision) } });
    project = await gitProjectCopy();
    // The project as it would be with the base vendored: spec, lock and generated/ committed.
    await writeFile(join(project.root, "base.yaml"), stringify(base));
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
  });
  afterAll(async () => {
    await server?.close();
    await project?.remove();
  });

  test(`${NON_BREAKING.length} info and warning changes and two new operations: sync exits 0 with the whole suite green`, async () => {
    const result = await runScript(project.root, "sync", ["--url", `${server.url}/revision.yaml`], {}, 800_000);
    expect(result.stderr, result.stdout).toContain("sync: tests done");
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/^\| 0 \| \d+ \| \d+ \|/m); // no breaking change in the report
    expect(result.stdout).toContain("- typecheck (`tsc --noEmit`): passes");
    expect(result.stdout).toContain("- tests: pass");
    const types = await readFile(join(project.root, "generated", "devin-v3.ts"), "utf8");
    expect(types).toContain('"/v3/organizations/{org_id}/sessions/{devin_id}"');
    expect(types).toContain("admits null; narrowed to its non-null schema");
  }, 900_000);
});
