/**
 * The one place that says what an exit code means. Every command of this project (the
 * pipeline scripts and `devin-usage`) exits with one of these, so CI can tell "the check
 * found something" from "the check could not run".
 *
 * 0, 1 and 2 mean the same in every command. `devin-usage` adds 3 and 4, so that a
 * scheduler can tell "fix the key" and "try later" from "fix the command line", all of
 * which wrote nothing.
 */
export const ExitCode = {
  /** Everything is as it should be (`devin-usage`: every window was written). */
  ok: 0,
  /**
   * The command ran and found a problem: drift, a stale file, a failed check.
   * `devin-usage`: partial, some windows were written and the others are named on stderr.
   */
  failed: 1,
  /**
   * The command could not run: bad arguments, missing or invalid input, unreachable source.
   * `devin-usage`: nothing was written, because of the command line or its configuration
   * (a flag, the organization, the base URL) or anything not covered by 3 and 4.
   */
  couldNotRun: 2,
  /** `devin-usage` only: nothing was written, the API refused the key (401) or its permissions (403). */
  authRefused: 3,
  /**
   * `devin-usage` only: nothing was written, the API could not be reached, timed out, was
   * rate-limiting (429) or failing (5xx). Worth running again later.
   */
  unavailable: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
