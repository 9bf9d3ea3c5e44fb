import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { SYNC_CHILD_ENV } from "../../scripts/lib/sync/run-sync.js";
import { CRASH_AT_ENV } from "../../scripts/lib/util/crash-point.js";
import { sha256 } from "../../scripts/lib/util/sha256.js";
import { gitProjectCopy } from "../support/git-project.js";
import type { TestServer } from "../support/http-server.js";
import type { ProjectCopy } from "../support/project-copy.js";
import { runScript } from "../support/run-process.js";
import { startSpecServer } from "../support/spec-server.js";
import { VENDORED_SPEC_TEXT, vendoredVariant } from "../support/spec-variants.js";

const run = promisify(execFile);

const UPDATED = stringify(
  vendoredVariant((doc) => (doc.components.schemas.UsageMetrics.properties.acus_used = { type: "number" })),
);

/** `kill -9` at every moment between two writes of spec:fetch and of sync (see crashPoint). */
describe.skipIf(process.env[SYNC_CHILD_ENV])("a run killed part-way leaves nothing the next run cannot mend", () => {
  let server: TestServer;
  let project: ProjectCopy;
  const url = () => `${server.url}/updated.yaml`;
  const file = (name: string) => readFile(join(project.root, name));

  beforeAll(async () => {
    server = await startSpecServer({ "/updated.yaml": { body: UPDATED } });
    project = await gitProjectCopy();
  });
  afterAll(async () => {
    await server?.close();
    await project?.remove();
  });
  beforeEach(async () => {
    await run("git", ["checkout", "-q", "--", "spec", "generated", "package.json", "package-lock.json"], {
      cwd: project.root,
    });
    await run("git", ["clean", "-fdqx", "spec", "generated", "CHANGELOG.md"], { cwd: project.root });
  });

  /** spec/ holds the old pair or the new pair (the lock naming the spec's bytes) and nothing else. */
  async function expectOnePair(): Promise<"old" | "new"> {
    const spec = await file("spec/v3-openapi.yaml");
    const lock = JSON.parse((await file("spec/v3-openapi.lock.json")).toString()) as { sha256: string };
    expect(lock.sha256).toBe(sha256(spec));
    // No pending spec, temporary file or sync journal left behind (a sync adds its full report, CHANGES.md).
    const files = (await readdir(join(project.root, "spec"))).filter((name) => name !== "CHANGES.md").sort();
    expect(files).toEqual(["v3-openapi.lock.json", "v3-openapi.yaml"]);
    if (spec.toString() === VENDORED_SPEC_TEXT) return "old";
    expect(spec.toString()).toBe(UPDATED);
    return "new";
  }

  test.each([
    ["spec-pair:staged", "old"],
    ["spec-pair:committed", "new"],
  ])("spec:fetch killed at %s: the next command sees the %s pair, never a hand edit", async (point, want) => {
    const killed = await runScript(project.root, "spec-fetch.ts", ["--url", url()], { [CRASH_AT_ENV]: point });
    expect(killed.code).toBeNull(); // died by the signal, as kill -9 would
    const check = await runScript(project.root, "check.ts");
    expect(check.stderr).not.toContain("edited by hand");
    expect(await expectOnePair()).toBe(want);
  });

  test.each(["sync:fetched", "spec-pair:committed", "generate:file-written", "sync:verified", "sync:released"])(
    "sync killed at %s: the next sync finishes the job (exit 0, generated/ current), not 'up to date'",
    async (point) => {
      const args = ["--url", url(), "--test-command", `${process.execPath} -e 0`];
      const killed = await runScript(project.root, "sync.ts", args, { [CRASH_AT_ENV]: point });
      expect(killed.code).toBeNull();
      const again = await runScript(project.root, "sync.ts", args);
      expect(again.stderr).not.toContain("nothing to do");
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("acus_used");
      expect(await expectOnePair()).toBe("new");
      const check = await runScript(project.root, "check.ts");
      expect(check.code).toBe(0);
      // The version moved once, and the changelog has one entry for it, however often the sync ran.
      const manifest = JSON.parse((await file("package.json")).toString()) as { version: string };
      expect(manifest.version).toBe("0.1.1");
      expect((await file("CHANGELOG.md")).toString().match(/^## 0\.1\.1 /gm)).toHaveLength(1);
    },
    300_000,
  );
});
