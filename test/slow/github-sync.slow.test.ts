import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { gitProjectCopy } from "../support/git-project.js";
import { type ProjectCopy, REPO_ROOT } from "../support/project-copy.js";
import { REAL_DOCUMENTS, realDocument } from "../support/real-documents.js";
import { runScript } from "../support/run-process.js";

/**
 * `npm run sync` from GitHub's REST description 22.0.0 to 23.0.2 (`@octokit/openapi`), the
 * sync that exited 2 with `Invalid regular expression` when the report compiled the
 * document's names into a RegExp. It must finish with a report: exit 0, or 1 when the new
 * document breaks the wrapper (this project's client wraps Devin's operations, which
 * GitHub's document does not have), never 2.
 */
let project: ProjectCopy;
const spec = async (id: string) =>
  realDocument(join(REPO_ROOT, ".cache", "real-documents"), REAL_DOCUMENTS.find((found) => found.id === id) as never);

beforeAll(async () => {
  project = await gitProjectCopy();
}, 900_000);
afterAll(async () => {
  await project?.remove();
});

test("GitHub 22.0.0 → 23.0.2 syncs, with a report", async () => {
  const vendored = await runScript(project.root, "spec-fetch", ["--file", await spec("github-rest-22.0.0")]);
  expect(vendored.code).toBe(0);
  const report = join(project.root, "sync-report.md");
  const synced = await runScript(
    project.root,
    "sync",
    ["--file", await spec("github-rest-23.0.2"), "--report", report, "--test-command", "true"],
    {},
    1_800_000,
  );
  expect(synced.stderr).not.toMatch(/could not run|^error/m);
  expect([0, 1]).toContain(synced.code);
  const text = await readFile(report, "utf8");
  expect(text).toMatch(/^## Upstream spec changes\n/);
  expect(text).toContain("## Verification");
  expect(text).toContain("## Changes");
  expect(await readFile(join(project.root, "spec", "CHANGES.md"), "utf8")).toContain("### Breaking changes");
}, 1_800_000);
