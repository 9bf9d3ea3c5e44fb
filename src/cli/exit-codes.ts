/**
 * The one place that says what an exit code means. Every command of this project (the
 * pipeline scripts and `devin-usage`) exits with one of these, so CI can tell "the check
 * found something" from "the check could not run".
 */
export const ExitCode = {
  /** Everything is as it should be. */
  ok: 0,
  /** The command ran and found a problem: drift, a stale file, a failed check. */
  failed: 1,
  /** The command could not run: bad arguments, missing or invalid input, unreachable source. */
  couldNotRun: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
