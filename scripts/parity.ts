import { CommandError } from "../src/cli/command-error.js";
import { ExitCode } from "../src/cli/exit-codes.js";
import { parseCommandArgs } from "../src/cli/parse-args.js";
import { isExecutedDirectly } from "../src/cli/run-command.js";
import { measureParity, parityMarkdown } from "./lib/parity/measure-parity.js";
import { readOasdiffCases } from "./lib/parity/oasdiff-cases.js";
import { runPipelineCommand } from "./lib/util/run-pipeline-command.js";

const help = {
  usage: "npm run parity -- --oasdiff <checkout> [--details]",
  details: `Measures the differ against oasdiff, the reference for which changes break clients: every
document pair of oasdiff's checker tests (checker/*_test.go in a checkout of
github.com/oasdiff/oasdiff) is compared with spec:diff's differ, and each rule id a test
expects is looked for at oasdiff's level. Tests that edit a document in Go or run with
non-default options cannot be replayed from the files and are counted as skipped.

Options:
  --oasdiff DIR   an oasdiff checkout (its checker/ and data/ folders are read)
  --details       list every miss, level mismatch and extra breaking change

Exit codes: 0 measured; 2 could not run.`,
};

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseCommandArgs(argv, { oasdiff: { type: "string" }, details: { type: "boolean" } }, help);
  if (args === undefined) return ExitCode.ok;
  if (typeof args.oasdiff !== "string") throw new CommandError("--oasdiff <checkout> is required");
  const { cases, skipped, rules } = await readOasdiffCases(args.oasdiff);
  const result = await measureParity(args.oasdiff, cases, rules, skipped);
  process.stdout.write(parityMarkdown(result, args.details === true));
  return ExitCode.ok;
}

if (isExecutedDirectly(import.meta.url)) await runPipelineCommand(() => main(process.argv.slice(2)));
