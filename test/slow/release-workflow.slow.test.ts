import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { writePackageVersion } from "../../scripts/lib/release/release-files.js";
import { SYNC_CHILD_ENV } from "../../scripts/lib/sync/run-sync.js";
import { projectPaths } from "../../scripts/lib/util/project-paths.js";
import { gitProjectCopy } from "../support/git-project.js";
import type { ProjectCopy } from "../support/project-copy.js";
import { runProcess } from "../support/run-process.js";

type Step = { name?: string; id?: string; if?: string; run?: string; env?: Record<string, string> };
type Job = { permissions: Record<string, string>; steps: Step[] };

/**
 * The release workflow's `run` steps, executed in order in a git copy of the project as the
 * runner would (its `if:` conditions on step outputs honoured), with `npm publish --dry-run`.
 * "Install" (npm ci) and "Test" (npm test) are left out: the copy shares this checkout's
 * node_modules, and the suite is the one running now.
 */
describe.skipIf(process.env[SYNC_CHILD_ENV])("the release workflow", () => {
  let project: ProjectCopy;
  let runnerTemp: string;
  let publish: Job;

  beforeAll(async () => {
    project = await gitProjectCopy();
    // A second commit that leaves the version alone, so HEAD~1 exists as on main.
    await runProcess(
      "git",
      ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "--allow-empty", "-m", "next"],
      {
        cwd: project.root,
      },
    );
    runnerTemp = await mkdtemp(join(tmpdir(), "release-runner-"));
    publish = (
      parse(await readFile(join(project.root, ".github", "workflows", "release.yml"), "utf8")) as {
        jobs: Record<string, Job>;
      }
    ).jobs.publish as Job;
  });
  afterAll(async () => {
    await project?.remove();
    if (runnerTemp) await rm(runnerTemp, { recursive: true, force: true });
  });

  async function runJob(): Promise<{ ran: string[]; outputs: Record<string, string>; log: string }> {
    const outputsFile = join(runnerTemp, `output-${Date.now()}`);
    await writeFile(outputsFile, "");
    const outputs: Record<string, string> = {};
    const ran: string[] = [];
    let log = "";
    for (const step of publish.steps) {
      if (step.run === undefined || step.name === "Install" || step.name === "Test") continue;
      const condition = /^steps\.([\w-]+)\.outputs\.([\w-]+) == '(.*)'$/.exec(step.if ?? "");
      if (condition && outputs[`${condition[1]}.${condition[2]}`] !== condition[3]) continue;
      const result = await runProcess("bash", ["-e", "-c", step.run], {
        cwd: project.root,
        env: { GITHUB_OUTPUT: outputsFile, NPM_PUBLISH_DRY_RUN: "1", NODE_AUTH_TOKEN: "", ...step.env },
        timeoutMs: 600_000,
      });
      expect(result.code, `${step.name}: ${result.stderr}`).toBe(0);
      ran.push(step.name ?? "");
      log += result.stdout + result.stderr;
      for (const line of (await readFile(outputsFile, "utf8")).split("\n").filter(Boolean)) {
        const [name, ...value] = line.split("=");
        outputs[`${step.id}.${name}`] = value.join("=");
      }
      await writeFile(outputsFile, "");
    }
    return { ran, outputs, log };
  }

  test("only the publish job can mint a token, and it reads nothing else", () => {
    expect(publish.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  test("a version unchanged on main: nothing is built or published", async () => {
    const { ran, outputs } = await runJob();
    expect(outputs["version.changed"]).toBe("false");
    expect(ran).toEqual(["Did the version change?"]);
  });

  test("a version bumped on main: built, the tarball works in a consumer, and npm publishes it (dry run)", async () => {
    await writePackageVersion(projectPaths(project.root), "0.1.1");
    const git = (...args: string[]) => runProcess("git", args, { cwd: project.root });
    await git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-qam", "release 0.1.1");
    const { ran, outputs, log } = await runJob();
    expect(outputs["version.changed"]).toBe("true");
    expect(outputs["version.version"]).toBe("0.1.1");
    expect(ran).toEqual(["Did the version change?", "Build", "Check the packed package in a consumer", "Publish"]);
    expect(log).toContain("consumer: devin-v3-client imports");
    expect(log).toMatch(/\+ devin-v3-client@0\.1\.1/);
    expect(log).toContain("(dry-run)");
  });
});
