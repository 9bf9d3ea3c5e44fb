import { ExitCode } from "../src/cli/exit-codes.js";
import { parseCommandArgs } from "../src/cli/parse-args.js";
import { isExecutedDirectly } from "../src/cli/run-command.js";
import { checkGenerated } from "./lib/check/check-generated.js";
import { projectPaths } from "./lib/util/project-paths.js";
import { runPipelineCommand } from "./lib/util/run-pipeline-command.js";

const help = {
  usage: "npm run check [-- --full] [--root DIR]",
  details: `Offline drift gate: checks that spec/v3-openapi.yaml is the document its lock records and
that generated/ is exactly what the spec generates. When every generated file's banner
matches the spec and the generator, the answer comes from the banners; otherwise (or with
--full) the files are regenerated in memory and compared byte for byte.

Options:
  --full       always regenerate and compare
  --root DIR   the project to check (default: this repository)

Exit codes: 0 current; 1 stale or the spec differs from its lock (with a diff and the
command that fixes it); 2 the spec is missing or invalid.`,
};

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseCommandArgs(argv, { full: { type: "boolean" }, root: { type: "string" } }, help);
  if (args === undefined) return ExitCode.ok;
  const outcome = await checkGenerated(projectPaths(args.root), { full: args.full });
  if (outcome.current) {
    process.stdout.write(
      `generated/ is up to date with spec/v3-openapi.yaml (checked by ${outcome.method === "banners" ? "banner hashes" : "regenerating"})\n`,
    );
    return ExitCode.ok;
  }
  for (const diff of outcome.diffs) process.stdout.write(diff);
  process.stderr.write("Generated types are not up to date with the spec:\n");
  for (const problem of outcome.problems) process.stderr.write(`  - ${problem}\n`);
  return ExitCode.failed;
}

if (isExecutedDirectly(import.meta.url)) await runPipelineCommand(() => main(process.argv.slice(2)));
