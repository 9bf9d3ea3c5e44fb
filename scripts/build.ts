import { relative } from "node:path";
import { ExitCode } from "../src/cli/exit-codes.js";
import { parseCommandArgs } from "../src/cli/parse-args.js";
import { isExecutedDirectly } from "../src/cli/run-command.js";
import { buildPackage } from "./lib/build/build-package.js";
import { DEFAULT_ROOT } from "./lib/util/project-paths.js";
import { runPipelineCommand } from "./lib/util/run-pipeline-command.js";

const help = {
  usage: "npm run build [-- --root DIR]",
  details: `Builds the package into dist/: an ESM build (dist/esm, with the devin-usage command) and a
CommonJS build (dist/cjs), each with its declarations and source maps that carry their
sources, and package.json's version in place of the sources' placeholder. Also run by
npm's prepare, so an install from git builds it.

Options:
  --root DIR   the project to build (default: this repository)

Exit codes: 0 built; 2 the compiler failed.`,
};

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseCommandArgs(argv, { root: { type: "string" } }, help);
  if (args === undefined) return ExitCode.ok;
  const root = (args.root as string | undefined) ?? DEFAULT_ROOT;
  for (const file of await buildPackage(root)) process.stdout.write(`wrote ${relative(root, file)}\n`);
  return ExitCode.ok;
}

if (isExecutedDirectly(import.meta.url)) await runPipelineCommand(() => main(process.argv.slice(2)));
