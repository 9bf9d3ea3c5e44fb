import { relative } from "node:path";
import { ExitCode } from "../src/cli/exit-codes.js";
import { parseCommandArgs } from "../src/cli/parse-args.js";
import { isExecutedDirectly } from "../src/cli/run-command.js";
import { writeGenerated } from "./lib/generate/generation.js";
import { describeRepair } from "./lib/generate/repair-path-params.js";
import { projectPaths } from "./lib/util/project-paths.js";
import { runPipelineCommand } from "./lib/util/run-pipeline-command.js";

const help = {
  usage: "npm run generate [-- --root DIR]",
  details: `Regenerates generated/ from the vendored spec/v3-openapi.yaml: validates the document,
declares path parameters it uses but never declares (one warning each), then writes the
openapi-typescript types and the response schemas. Files already up to date are not rewritten.

Options:
  --root DIR   the project to generate in (default: this repository)

Exit codes: 0 generated or unchanged; 2 the spec is missing or invalid.`,
};

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseCommandArgs(argv, { root: { type: "string" } }, help);
  if (args === undefined) return ExitCode.ok;
  const paths = projectPaths(args.root);
  const result = await writeGenerated(paths);
  for (const line of result.warnings) process.stderr.write(`${line}\n`);
  for (const repair of result.repairs) process.stderr.write(`warning: ${describeRepair(repair)}\n`);
  for (const file of result.written) process.stdout.write(`wrote ${relative(paths.root, file)}\n`);
  for (const file of result.unchanged) process.stdout.write(`unchanged ${relative(paths.root, file)}\n`);
  process.stdout.write(`spec sha256 ${result.specSha256}\n`);
  return ExitCode.ok;
}

if (isExecutedDirectly(import.meta.url)) await runPipelineCommand(() => main(process.argv.slice(2)));
