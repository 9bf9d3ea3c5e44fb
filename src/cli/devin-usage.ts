#!/usr/bin/env node
import { DevinError } from "../errors.js";
import { CommandError } from "./command-error.js";
import { ExitCode } from "./exit-codes.js";
import { parseCommandArgs } from "./parse-args.js";
import { isExecutedDirectly, runCommand } from "./run-command.js";
import { explainFailure } from "./usage/explain-failure.js";
import { USAGE_HELP } from "./usage/help.js";
import { planUsage, USAGE_OPTIONS } from "./usage/options.js";
import { runUsageReport } from "./usage/run-report.js";
import { packageVersion } from "./usage/version.js";

/** Sparkline room: the terminal's width, else `$COLUMNS` (as `ls` reads it), else 80. */
function outputColumns(env: NodeJS.ProcessEnv): number {
  if (process.stdout.isTTY && process.stdout.columns > 0) return process.stdout.columns;
  const columns = Number(env.COLUMNS);
  return Number.isSafeInteger(columns) && columns > 0 ? columns : 80;
}

/**
 * `devin-usage`: the organization's usage metrics, per window, in the format asked for.
 * Ctrl-C or SIGTERM (a scheduler's timeout) stops the run like a failure does: what was
 * answered is written, the rest is named; a second signal ends the process at once.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
  if (argv.length === 1 && argv[0] === "--version") {
    process.stdout.write(`devin-usage ${packageVersion()}\n`);
    return ExitCode.ok;
  }
  const args = parseCommandArgs(argv, USAGE_OPTIONS, USAGE_HELP);
  if (args === undefined) return ExitCode.ok;
  if (args.version) {
    process.stdout.write(`devin-usage ${packageVersion()}\n`);
    return ExitCode.ok;
  }
  // Everything is checked before any request is made.
  const plan = planUsage(args, env);
  const interrupt = new AbortController();
  const stop = () => interrupt.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    return await runUsageReport(
      plan,
      {
        stdout: (text) => {
          if (text) process.stdout.write(text);
        },
        stderr: (text) => process.stderr.write(text),
        stderrIsTerminal: process.stderr.isTTY === true,
        columns: outputColumns(env),
      },
      interrupt.signal,
    );
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

/** The client's errors that reach the top (none should) as one line, like every other failure. */
function explainTopLevel(error: unknown): CommandError | undefined {
  if (!(error instanceof DevinError)) return undefined;
  const failure = explainFailure(error, { baseUrl: "the API", orgId: "" });
  return new CommandError(failure.message, failure.exitCode, { cause: error });
}

if (isExecutedDirectly(import.meta.url)) await runCommand(() => main(process.argv.slice(2)), explainTopLevel);
