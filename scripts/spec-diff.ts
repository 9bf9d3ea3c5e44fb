import { appendFile } from "node:fs/promises";
import { ExitCode } from "../src/cli/exit-codes.js";
import { choice, parseCommandArgs } from "../src/cli/parse-args.js";
import { isExecutedDirectly } from "../src/cli/run-command.js";
import type { DiffReport } from "./lib/diff/change.js";
import { diffForReport, readForDiff } from "./lib/diff/read-for-diff.js";
import { formatReport, REPORT_FORMATS } from "./lib/diff/report/format.js";
import { githubOutputs } from "./lib/diff/report/github.js";
import { formatMarkdown, STEP_SUMMARY_LIMIT } from "./lib/diff/report/markdown.js";
import { shouldColour, summaryLine } from "./lib/diff/report/text.js";
import { sharedStructureValidator } from "./lib/document/validate-in-worker.js";
import { warningLines } from "./lib/document/warnings.js";
import { DEFAULT_MAX_BYTES } from "./lib/fetch/download.js";
import { fetchOptionsFromArgs, SOURCE_HELP, SOURCE_OPTIONS } from "./lib/fetch/source-args.js";
import { appendGithubOutput } from "./lib/util/github-output.js";
import { projectPaths } from "./lib/util/project-paths.js";
import { runPipelineCommand } from "./lib/util/run-pipeline-command.js";

const FAIL_ON = ["any", "breaking", "none"] as const;
type FailOn = (typeof FAIL_ON)[number];

/** 1 when the report has a change at or above `failOn`, else 0. */
export function exitCodeFor(report: DiffReport, failOn: FailOn): ExitCode {
  if (failOn === "none") return ExitCode.ok;
  const failing = failOn === "breaking" ? report.summary.breaking : report.changes.length;
  return failing > 0 ? ExitCode.failed : ExitCode.ok;
}

const help = {
  usage:
    "npm run spec:diff -- [--url URL | --file PATH] [--base PATH] [--format text|json|markdown|github] [--fail-on any|breaking|none]",
  details: `Compares a base document (default: the vendored spec/v3-openapi.yaml) with the published one
(or --file) by meaning, not text: key order, YAML vs JSON, quoting and comments are not drift.
Each change has a stable rule id (oasdiff's names) and a level: breaking, warning or info.

Options:
${SOURCE_HELP}
  --base PATH        the document to compare against (default: spec/v3-openapi.yaml)
  --format F         text (default), json, markdown or github (annotations; counts are
                     appended to $GITHUB_OUTPUT and the markdown report to
                     $GITHUB_STEP_SUMMARY when those are set)
  --fail-on L        exit 1 on any change (default), only on breaking ones, or never

Exit codes: 0 no drift at or above --fail-on; 1 drift; 2 could not run.`,
};

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseCommandArgs(
    argv,
    { ...SOURCE_OPTIONS, base: { type: "string" }, format: { type: "string" }, "fail-on": { type: "string" } },
    help,
  );
  if (args === undefined) return ExitCode.ok;
  const format = choice(args.format, REPORT_FORMATS, "--format") ?? "text";
  const failOn = choice(args["fail-on"], FAIL_ON, "--fail-on") ?? "any";
  const { source, ...options } = fetchOptionsFromArgs(args);
  const structure = sharedStructureValidator();
  const [base, revision] = await Promise.all([
    // --max-bytes is for what is fetched; the base is ours, held to the default cap.
    readForDiff({ file: args.base ?? projectPaths().specFile }, { ...options, maxBytes: DEFAULT_MAX_BYTES }),
    readForDiff(source, { ...options, structure }),
  ]);
  const { report, warnings } = await diffForReport(base, revision);
  // What upstream publishes that endangers nothing but is not as specified: each once, bounded (as spec:fetch).
  for (const line of warningLines(revision.origin, warnings)) process.stderr.write(`${line}\n`);
  process.stdout.write(formatReport(report, format, shouldColour(process.stdout)));
  if (format === "github") {
    await appendGithubOutput(githubOutputs(report));
    if (process.env.GITHUB_STEP_SUMMARY) {
      const summary = formatMarkdown(report, {
        maxBytes: STEP_SUMMARY_LIMIT,
        fullReport: "printed by `npm run spec:diff -- --format markdown`",
      });
      await appendFile(process.env.GITHUB_STEP_SUMMARY, summary);
    }
  }
  if (format !== "text") process.stderr.write(`${summaryLine(report)}\n`);
  return exitCodeFor(report, failOn);
}

if (isExecutedDirectly(import.meta.url)) await runPipelineCommand(() => main(process.argv.slice(2)));
