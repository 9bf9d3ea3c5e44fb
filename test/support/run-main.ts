import { vi } from "vitest";
import { explainPipelineError } from "../../scripts/lib/util/run-pipeline-command.js";
import type { ExitCode } from "../../src/cli/exit-codes.js";
import { runCommand } from "../../src/cli/run-command.js";
import type { ProcessResult } from "./run-process.js";

/**
 * Runs a command's `main` in this process exactly as its script does (through
 * `runCommand`), capturing stdout and stderr: the command's own code path without the
 * second it costs to start a TypeScript child process.
 */
export async function runMain(
  main: (argv: readonly string[]) => Promise<ExitCode>,
  argv: readonly string[],
): Promise<ProcessResult> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const previous = process.exitCode;
  try {
    await runCommand(() => main(argv), explainPipelineError);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.exitCode = previous;
    out.mockRestore();
    err.mockRestore();
  }
}
