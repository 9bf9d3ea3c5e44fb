import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { largestAdversarialPairs } from "./adversarial-documents.js";
import { type BenchContext, type Figure, megabytes, seconds } from "./figure.js";
import { compareProcesses } from "./measure.js";

/** The goal for the largest adversarial pair, whole process: what a CI job waits for and holds at most. */
const GOAL_MS = 30_000;
const GOAL_MB = 1024;

/**
 * `npm run spec:diff` on each adversarial pair at the size of the issue that found the
 * differ unbounded (allOf fan-out 14 deep, a 24-deep reference DAG, 5 000 operations
 * sharing a schema that gains 5 000, 60 000 changes in one operation, …), against the same
 * command on the revision compared with itself (reading, validating and comparing the
 * same bytes, with nothing to report), then the largest time and memory of them all.
 */
export async function measureAdversarial(context: BenchContext): Promise<Figure[]> {
  const folder = join(context.cacheDir, "adversarial");
  await mkdir(folder, { recursive: true });
  const figures: Figure[] = [];
  let worst = { ms: 0, mb: 0, name: "" };
  let index = 0;
  for (const pair of largestAdversarialPairs()) {
    const [base, revision] = [join(folder, `${index}-base.json`), join(folder, `${index}-revision.json`)];
    index++;
    await writeFile(base, JSON.stringify(pair.base));
    await writeFile(revision, JSON.stringify(pair.revision));
    const diff = (from: string) => [
      "npm",
      "run",
      "--silent",
      "spec:diff",
      "--",
      "--base",
      from,
      "--file",
      revision,
      "--format",
      "json",
      "--fail-on",
      "none",
    ];
    const result = await compareProcesses(
      { command: diff(base) },
      { command: diff(revision) },
      { cwd: context.root, runs: context.quick ? 1 : 3 },
    );
    const ratio = result.ours.ms / result.baseline.ms;
    figures.push({
      measured: `\`npm run spec:diff\`, ${pair.name}`,
      ours: `${seconds(result.ours.ms)}, ${megabytes(result.ours.maxRssMb)}`,
      baseline: `${seconds(result.baseline.ms)}, ${megabytes(result.baseline.maxRssMb)} (the revision against itself)`,
      ratio,
      goal: "≤ 3×",
      met: ratio <= 3,
    });
    if (result.ours.ms > worst.ms) worst = { ...worst, ms: result.ours.ms, name: pair.name };
    worst.mb = Math.max(worst.mb, result.ours.maxRssMb ?? 0);
  }
  figures.push({
    measured: `largest adversarial document (slowest: ${worst.name})`,
    ours: `${seconds(worst.ms)}, ${megabytes(worst.mb)}`,
    baseline: "—",
    ratio: undefined,
    goal: `≤ ${GOAL_MS / 1000} s, ≤ ${GOAL_MB} MB`,
    met: worst.ms <= GOAL_MS && worst.mb <= GOAL_MB,
  });
  return figures;
}
