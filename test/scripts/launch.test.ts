import { appendFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer } from "../support/http-server.js";
import { copyProject, type ProjectCopy } from "../support/project-copy.js";
import { runProcess } from "../support/run-process.js";

describe("scripts/launch.mjs", () => {
  let project: ProjectCopy;
  const launch = (...args: string[]) =>
    runProcess(process.execPath, [join(project.root, "scripts", "launch.mjs"), ...args], { cwd: project.root });
  const builds = async () =>
    (await readdir(join(project.root, ".cache", "scripts"))).filter((name) => !name.endsWith(".tmp"));

  beforeAll(async () => {
    project = await copyProject();
  });
  afterAll(async () => {
    await project?.remove();
  });

  test("builds the scripts once and runs them as plain JavaScript", async () => {
    const first = await launch("check");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("generated/ is up to date");
    const [build] = await builds();
    expect(await readdir(join(project.root, ".cache", "scripts", build as string))).toEqual(
      expect.arrayContaining(["check.mjs", "generate.mjs", "structure-worker.mjs", "complete"]),
    );
    expect((await launch("check", "--full")).code).toBe(0);
    expect(await builds()).toEqual([build]);
  });

  test("an edited source gives a new build, so what runs is never stale", async () => {
    const before = await builds();
    await appendFile(join(project.root, "scripts", "lib", "generate", "schemas.ts"), "\n// edited\n");
    const result = await launch("check");
    // The pipeline's code changed, so the generated files are stale: only the new build knows.
    expect(result.code).toBe(1);
    expect((await builds()).filter((name) => !before.includes(name))).toHaveLength(1);
  });

  test("a command that fails early still exits (its validation worker does not hold the process)", async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const result = await launch("spec-diff", "--url", `${closed.url}/spec.yaml`, "--retries", "0");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: no response from /);
  });

  test("an unknown script is a usage error listing the scripts", async () => {
    const result = await launch("nope");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: usage: node scripts\/launch\.mjs <script> \[args…\]; scripts: .*check.*spec-diff/,
    );
  });
});
