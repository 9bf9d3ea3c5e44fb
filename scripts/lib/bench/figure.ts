/** One row of the benchmark table. */
export interface Figure {
  measured: string;
  ours: string;
  baseline: string;
  /** ours / baseline, when there is a baseline. */
  ratio: number | undefined;
  goal: string;
  met: boolean;
}

export interface BenchContext {
  root: string;
  quick: boolean;
  /** Where downloads and scratch files go (ignored by git). */
  cacheDir: string;
  log: (line: string) => void;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const megabytes = (mb: number | undefined) => (mb === undefined ? "n/a" : `${mb.toFixed(0)} MB`);
