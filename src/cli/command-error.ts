import { ExitCode } from "./exit-codes.js";

/**
 * An error that a command reports as one line, without a stack trace, and exits with
 * `exitCode`. Anything else that escapes a command is a bug and is shown in full.
 */
export class CommandError extends Error {
  override name = "CommandError";
  readonly exitCode: ExitCode;
  /** A second line of the command's own words (such as the usage line), printed after the message. */
  readonly hint: string | undefined;

  constructor(message: string, exitCode: ExitCode = ExitCode.couldNotRun, options?: ErrorOptions & { hint?: string }) {
    super(message, options);
    this.exitCode = exitCode;
    this.hint = options?.hint;
  }
}
