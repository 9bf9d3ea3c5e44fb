import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { oneLine } from "../untrusted-text.js";
import { CommandError } from "./command-error.js";
import { ExitCode } from "./exit-codes.js";

/**
 * True when the module at `moduleUrl` is the script node was asked to run, so a script
 * file can export its functions for tests and still work as a command.
 */
export function isExecutedDirectly(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(fileURLToPath(moduleUrl)) === realpathSync(entry);
  } catch {
    return false;
  }
}

/**
 * Runs a command's main function and turns its outcome into `process.exitCode`.
 *
 * A `CommandError` becomes one line on stderr (set `DEBUG` to see its stack); `explain`
 * turns the domain errors of the layer below into one (the pipeline's `PipelineError`,
 * the client's `DevinError`). Any other error is unexpected, so it is printed in full and
 * the command exits 2. The exit code is set rather than calling `process.exit()`, so
 * pending output is never cut short.
 */
export async function runCommand(
  main: () => Promise<ExitCode>,
  explain: (error: unknown) => CommandError | undefined = () => undefined,
): Promise<void> {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    // A reader that goes away (`devin-usage … | head -1`) is not an error of the command.
    if (error.code === "EPIPE") process.exit(process.exitCode ?? ExitCode.ok);
    // Any other (a full disk, ENOSPC) leaves the output cut short: one line, and "could not run".
    const reason = error.message.replace(/^[A-Z]+: /, "").replace(/, write$/, "");
    process.stderr.write(`error: cannot write the output: ${error.code ?? error.name} (${oneLine(reason)})\n`);
    process.exit(ExitCode.couldNotRun);
  });
  try {
    process.exitCode = await main();
  } catch (thrown) {
    const error = thrown instanceof CommandError ? thrown : (explain(thrown) ?? thrown);
    if (error instanceof CommandError) {
      // Messages quote documents and servers: whatever they hold, the message stays one line.
      process.stderr.write(`error: ${oneLine(error.message)}\n${error.hint ? `${error.hint}\n` : ""}`);
      if (process.env.DEBUG) {
        for (let shown: unknown = error; shown instanceof Error; shown = shown.cause)
          process.stderr.write(`${shown.stack}\n`);
      }
      process.exitCode = error.exitCode;
      return;
    }
    const system = error as NodeJS.ErrnoException;
    if (typeof system.code === "string" && typeof system.syscall === "string" && !process.env.DEBUG) {
      // A file system refusal (EACCES on a read-only spec/, ENOSPC, …) is the machine's, not a bug: one line.
      const where = system.path ? ` ${system.path}` : "";
      process.stderr.write(`error: cannot ${system.syscall}${where}: ${system.code} (${oneLine(system.message)})\n`);
      process.exitCode = ExitCode.couldNotRun;
      return;
    }
    process.stderr.write(
      `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = ExitCode.couldNotRun;
  }
}
