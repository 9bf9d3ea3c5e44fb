import { copyFile, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { runStep } from "../util/run-step.js";
import { type BenchContext, type Figure, megabytes, seconds } from "./figure.js";
import { GITHUB_SPEC_VERSIONS, githubSpec } from "./github-specs.js";
import { compareProcesses, median, timeProcess } from "./measure.js";

/** A throwaway project whose vendored spec is GitHub's description, locked as spec:fetch would. */
async function githubProject(context: BenchContext): Promise<string> {
  const spec = await githubSpec(join(context.cacheDir, "..", "github"), GITHUB_SPEC_VERSIONS.new);
  const project = join(context.cacheDir, "github-project");
  await mkdir(join(project, "spec"), { recursive: true });
  await copyFile(spec, join(project, "spec", "v3-openapi.yaml"));
  const fetched = await runStep(
    [
      "npm",
      "run",
      "--silent",
      "spec:fetch",
      "--",
      "--root",
      project,
      "--file",
      join(project, "spec", "v3-openapi.yaml"),
    ],
    context.root,
  );
  if (!fetched.ok) throw new Error(`could not lock the GitHub spec:\n${fetched.output}`);
  return project;
}

/** `npm run generate` on GitHub's 13 MB description against the openapi-typescript CLI on the same file. */
export async function measureGenerateGithub(context: BenchContext): Promise<Figure[]> {
  const project = await githubProject(context);
  const result = await compareProcesses(
    {
      command: ["npm", "run", "--silent", "generate", "--", "--root", project],
      // A fresh output each time, as the baseline writes one.
      before: () => rm(join(project, "generated"), { recursive: true, force: true }),
    },
    { command: ["npm", "run", "--silent", "bench:baseline:generate-github"] },
    { cwd: context.root, runs: context.quick ? 3 : 5 },
  );
  const timeRatio = result.ours.ms / result.baseline.ms;
  const memoryRatio =
    result.ours.maxRssMb !== undefined && result.baseline.maxRssMb !== undefined
      ? result.ours.maxRssMb / result.baseline.maxRssMb
      : undefined;
  return [
    {
      measured: "`npm run generate`, GitHub api.github.com.json 23.0.2 (13 MB): time",
      ours: seconds(result.ours.ms),
      baseline: `${seconds(result.baseline.ms)} (openapi-typescript CLI)`,
      ratio: timeRatio,
      goal: "≤ 1.0×",
      met: timeRatio <= 1,
    },
    {
      measured: "… peak memory",
      ours: megabytes(result.ours.maxRssMb),
      baseline: megabytes(result.baseline.maxRssMb),
      ratio: memoryRatio,
      goal: "≤ 1.0×",
      met: memoryRatio !== undefined && memoryRatio <= 1,
    },
  ];
}

/** `npm run spec:diff` of GitHub 22.0.0 → 23.0.2, absolute, with the report's counts. */
export async function measureDiffGithub(context: BenchContext): Promise<Figure> {
  const cache = join(context.cacheDir, "..", "github");
  const [older, newer] = await Promise.all([
    githubSpec(cache, GITHUB_SPEC_VERSIONS.old),
    githubSpec(cache, GITHUB_SPEC_VERSIONS.new),
  ]);
  const command = ["npm", "run", "--silent", "spec:diff", "--", "--base", older, "--file", newer, "--format", "json"];
  const samples = [];
  for (let run = -1; run < (context.quick ? 3 : 7); run++) {
    const sample = await timeProcess(command, { cwd: context.root });
    if (sample.code !== 1) throw new Error(`spec:diff exited with ${sample.code}`);
    if (run >= 0) samples.push(sample);
  }
  const ms = median(samples.map((sample) => sample.ms));
  const rss = samples.every((sample) => sample.maxRssMb !== undefined)
    ? median(samples.map((sample) => sample.maxRssMb as number))
    : undefined;
  return {
    measured: "`npm run spec:diff`, GitHub 22.0.0 → 23.0.2 (whole process)",
    ours: `${seconds(ms)}, ${megabytes(rss)}`,
    baseline: "—",
    ratio: undefined,
    goal: "≤ 2 s",
    met: ms <= 2000,
  };
}
