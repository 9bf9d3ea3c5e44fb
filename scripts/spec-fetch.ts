import { relative } from "node:path";
import { ExitCode } from "../src/cli/exit-codes.js";
import { parseCommandArgs } from "../src/cli/parse-args.js";
import { isExecutedDirectly } from "../src/cli/run-command.js";
import { warningLines } from "./lib/document/warnings.js";
import { fetchOptionsFromArgs, SOURCE_HELP, SOURCE_OPTIONS } from "./lib/fetch/source-args.js";
import { fetchSpec } from "./lib/fetch/vendor.js";
import { projectPaths } from "./lib/util/project-paths.js";
import { runPipelineCommand } from "./lib/util/run-pipeline-command.js";

const help = {
  usage: "npm run spec:fetch -- [--url URL | --file PATH] [--timeout-ms N] [--max-bytes N] [--root DIR]",
  details: `Vendors the published OpenAPI document into spec/v3-openapi.yaml and records its sha256 in
spec/v3-openapi.lock.json. The document is validated first (YAML or JSON, OpenAPI 3.0/3.1,
structurally valid); spec and lock are replaced together and atomically, only when the
content changed, and keep upstream's bytes as published. Transient failures (connection
errors, 429, 5xx) are retried with backoff.

Options:
${SOURCE_HELP}
  --root DIR         the project to vendor into (default: this repository)

Exit codes: 0 updated or unchanged; 2 could not fetch or the document is invalid (spec/ unchanged).`,
};

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseCommandArgs(argv, { ...SOURCE_OPTIONS, root: { type: "string" } }, help);
  if (args === undefined) return ExitCode.ok;
  const paths = projectPaths(args.root);
  const result = await fetchSpec(paths, fetchOptionsFromArgs(args));
  for (const line of warningLines(result.origin, result.warnings)) process.stderr.write(`${line}\n`);
  const spec = relative(process.cwd(), paths.specFile) || paths.specFile;
  if (result.status === "unchanged") {
    process.stdout.write(`${spec} is unchanged (sha256 ${result.sha256})\n`);
  } else if (result.status === "locked") {
    process.stdout.write(`${spec} is unchanged; its lock now records sha256 ${result.sha256}\n`);
  } else {
    const from = result.previousSha256 ? `${result.previousSha256.slice(0, 12)}… → ` : "";
    process.stdout.write(
      `${spec} updated from ${result.source} (sha256 ${from}${result.sha256.slice(0, 12)}…)\n` +
        "next: run `npm run generate` to regenerate the types, then `npm test`\n",
    );
  }
  return ExitCode.ok;
}

if (isExecutedDirectly(import.meta.url)) await runPipelineCommand(() => main(process.argv.slice(2)));
