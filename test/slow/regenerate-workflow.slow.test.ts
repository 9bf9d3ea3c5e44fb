import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { SYNC_CHILD_ENV } from "../../scripts/lib/sync/run-sync.js";
import { changedFiles, gitProjectCopy } from "../support/git-project.js";
import type { TestServer } from "../support/http-server.js";
import { runProcess } from "../support/run-process.js";
import { startSpecServer } from "../support/spec-server.js";
import { vendoredVariant } from "../support/spec-variants.js";

/** A real test run on the regenerated code, smaller than the whole suite. */
const TEST_COMMAND = `${process.execPath} node_modules/vitest/vitest.mjs run test/src/usage-metrics.e2e.test.ts`;

const NON_BREAKING = stringify(
  vendoredVariant((doc) => (doc.components.schemas.UsageMetrics.properties.acus_used = { type: "number" })),
);

/** `regenerate.yml`'s two jobs run as their `run` steps would on a runner, in two copies of the project. */
describe.skipIf(process.env[SYNC_CHILD_ENV])("the regenerate workflow", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSpecServer({ "/non-breaking.yaml": { body: NON_BREAKING } });
  });
  afterAll(async () => {
    await server?.close();
  });

  test("the regenerate workflow's jobs, run as scripts: the read-only job's result becomes the pull request's files", async () => {
    const generating = await gitProjectCopy();
    const publishing = await gitProjectCopy();
    const runnerTemp = await mkdtemp(join(tmpdir(), "runner-temp-"));
    const outputs = join(runnerTemp, "github-output");
    try {
      const workflow = parse(await readFile(join(generating.root, ".github", "workflows", "regenerate.yml"), "utf8"));
      type Step = { name?: string; run?: string; uses?: string };
      type Job = { permissions: Record<string, string>; steps: Step[]; needs?: string };
      const { generate, "pull-request": pullRequest } = workflow.jobs as Record<string, Job>;
      // What may write runs nothing from the new document; what runs it may only read.
      expect(generate?.permissions).toEqual({ contents: "read" });
      expect(pullRequest?.needs).toBe("generate");
      // The only command it runs is npm's own `version`, with lifecycle scripts off.
      const commands = (pullRequest?.steps ?? []).map((step) => step.run ?? "").join("\n");
      expect(commands.match(/\b(npm|npx|node)\b.*/g)).toEqual([
        'npm version "$VERSION" --no-git-tag-version --ignore-scripts --allow-same-version',
      ]);
      expect(pullRequest?.steps.filter((step) => step.uses?.startsWith("actions/setup-node"))).toEqual([]);

      /** Every `run` step of a job in order; "Install" (npm ci) is skipped: the copies share node_modules. */
      const runSteps = async (job: Job | undefined, root: string, jobEnv: NodeJS.ProcessEnv = {}) => {
        const steps = (job?.steps ?? []).filter((step) => step.run !== undefined && step.name !== "Install");
        for (const step of steps) {
          const result = await runProcess("bash", ["-e", "-c", step.run ?? ""], {
            cwd: root,
            env: {
              RUNNER_TEMP: runnerTemp,
              GITHUB_OUTPUT: outputs,
              DEVIN_SPEC_URL: `${server.url}/non-breaking.yaml`,
              SYNC_TEST_COMMAND: TEST_COMMAND,
              ...jobEnv,
            },
            timeoutMs: 500_000,
          });
          expect(result.code, `${step.name}: ${result.stderr}`).toBe(0);
        }
        return steps.map((step) => step.name);
      };
      // The generate job, then the artifact hand-over (upload, download: the same folder here), then the pull request.
      expect(await runSteps(generate, generating.root)).toEqual(["Sync with upstream", "Collect the result"]);
      expect(await readFile(outputs, "utf8")).toBe(
        "status=updated\nchanged=true\nbreaking=0\nwarning=0\ninfo=1\nprevious_version=0.1.0\nversion=0.1.1\nbump=minor\nmoved=patch\n",
      );
      // What the pull-request job reads from the generate job's outputs.
      const version = "0.1.1";
      expect(await runSteps(pullRequest, publishing.root, { VERSION: version })).toEqual([
        "Apply the regenerated files and the proposed version",
      ]);

      const files = await changedFiles(publishing.root);
      expect(files.length).toBeGreaterThan(0);
      const allowed = ["CHANGELOG.md", "package.json", "package-lock.json"];
      expect(files.every((file) => /^(spec|generated)\//.test(file) || allowed.includes(file))).toBe(true);
      expect(files).toEqual(await changedFiles(generating.root));
      for (const file of files) {
        expect(await readFile(join(publishing.root, file), "utf8")).toBe(
          await readFile(join(generating.root, file), "utf8"),
        );
      }
      expect(await readFile(join(runnerTemp, "sync-result", "drift-report.md"), "utf8")).toContain(
        "`response-optional-property-added`",
      );
    } finally {
      await generating.remove();
      await publishing.remove();
      await rm(runnerTemp, { recursive: true, force: true });
    }
  }, 600_000);
});
