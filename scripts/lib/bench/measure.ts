import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface ProcessSample {
  ms: number;
  /** Peak resident memory of the largest process in the tree, from GNU time; undefined without it. */
  maxRssMb: number | undefined;
  code: number | null;
}

const GNU_TIME = "/usr/bin/time";
const MARK = "__bench_rss_kb=";

/**
 * Runs a command to completion and measures its wall time (from spawn to exit) and, where
 * GNU time is installed, its peak resident memory. Output is discarded.
 */
export function timeProcess(command: readonly string[], options: { cwd: string }): Promise<ProcessSample> {
  const withTime = existsSync(GNU_TIME);
  const argv = withTime ? [GNU_TIME, "-f", `${MARK}%M`, ...command] : [...command];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0] as string, argv.slice(1), {
      cwd: options.cwd,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      const kb = new RegExp(`${MARK}(\\d+)`).exec(stderr)?.[1];
      resolve({ ms, maxRssMb: kb ? Number(kb) / 1024 : undefined, code });
    });
  });
}

export interface PairResult {
  ours: { ms: number; maxRssMb: number | undefined };
  baseline: { ms: number; maxRssMb: number | undefined };
}

/**
 * Runs two commands alternately — a warm-up of each, then `runs` of each, ours first,
 * then the baseline — and reports the median time and peak memory of each. Alternating
 * spreads the machine's noise over both alike.
 */
export async function compareProcesses(
  ours: { command: readonly string[]; before?: () => Promise<void> },
  baseline: { command: readonly string[]; before?: () => Promise<void> },
  options: { cwd: string; runs: number },
): Promise<PairResult> {
  const samples = { ours: [] as ProcessSample[], baseline: [] as ProcessSample[] };
  for (let round = -1; round < options.runs; round++) {
    for (const [name, side] of [
      ["ours", ours],
      ["baseline", baseline],
    ] as const) {
      await side.before?.();
      const sample = await timeProcess(side.command, { cwd: options.cwd });
      if (sample.code !== 0) {
        throw new Error(`${side.command.join(" ")} exited with ${sample.code}`);
      }
      if (round >= 0) samples[name].push(sample);
    }
  }
  const summarise = (list: ProcessSample[]) => ({
    ms: median(list.map((sample) => sample.ms)),
    maxRssMb: list.every((sample) => sample.maxRssMb !== undefined)
      ? median(list.map((sample) => sample.maxRssMb as number))
      : undefined,
  });
  return { ours: summarise(samples.ours), baseline: summarise(samples.baseline) };
}
