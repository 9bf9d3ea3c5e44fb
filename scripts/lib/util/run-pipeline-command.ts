import { CommandError } from "../../../src/cli/command-error.js";
import { ExitCode } from "../../../src/cli/exit-codes.js";
import { runCommand } from "../../../src/cli/run-command.js";
import { PipelineError, type PipelineErrorKind } from "./pipeline-error.js";

/**
 * The exit code of each kind of failure: every one of them means the command could not
 * do its job (2), as distinct from a job done that found drift or a stale file (1), which
 * commands return rather than throw.
 */
const EXIT_CODE: Record<PipelineErrorKind, ExitCode> = {
  "bad-input": ExitCode.couldNotRun,
  "source-unreachable": ExitCode.couldNotRun,
  "source-refused": ExitCode.couldNotRun,
  "spec-unreadable": ExitCode.couldNotRun,
  "spec-invalid": ExitCode.couldNotRun,
  "spec-unsafe": ExitCode.couldNotRun,
  "lock-invalid": ExitCode.couldNotRun,
  "step-failed": ExitCode.couldNotRun,
};

/** A pipeline failure as the command line shows it. */
export function explainPipelineError(error: unknown): CommandError | undefined {
  if (!(error instanceof PipelineError)) return undefined;
  return new CommandError(error.message, EXIT_CODE[error.kind], { cause: error });
}

/** `runCommand` for the pipeline's commands: a `PipelineError` is one line and its exit code. */
export function runPipelineCommand(main: () => Promise<ExitCode>): Promise<void> {
  return runCommand(main, explainPipelineError);
}
