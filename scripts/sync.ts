import { writeFile } from "node:fs/promises";
import { ExitCode } from "../src/cli/exit-codes.js";
import { parseCommandArgs } from "../src/cli/parse-args.js";
import { isExecutedDirectly } from "../src/cli/run-command.js";
import { fetchOptionsFromArgs, SOURCE_HELP, SOURCE_OPTIONS } from "./lib/fetch/source-args.js";
import { runSync } from "./lib/sync/run-sync.js";
import { appendGithubOutput } from "./lib/util/github-output.js";
import { projectPaths } from "./lib/util/project-paths.js";
import { runPipelineCommand } from "./lib/util/run-pipeline-command.js";

const help = {
  usage: "npm run sync -- [--url URL | --file PATH] [--report PATH] [--test-command CMD] [--root DIR]",
  details: `Takes the repository from "upstream changed" to "ready to review": fetches the spec (as
spec:fetch does); if it is unchanged, says so and stops. Otherwise regenerates generated/,
typechecks src/ and test/, runs the test suite, and writes a markdown report of the drift
(against the spec before the fetch) and of what no longer compiles or passes.

Options:
${SOURCE_HELP}
  --report PATH      where to write the report (default: stdout)
  --test-command C   the test suite to run, split on spaces (default: $SYNC_TEST_COMMAND,
                     else this project's vitest suite)
  --root DIR         the project to sync (default: this repository)

When the spec changed, proposes the next version from the drift (breaking → major, anything
added → minor, else patch; below 1.0.0 one place to the right), writes it into package.json
and package-lock.json, puts an entry at the top of CHANGELOG.md, and keeps the full drift
report in spec/CHANGES.md (the report printed is cut to what a pull-request body holds).

When $GITHUB_OUTPUT is set, appends status=up-to-date|updated|broken, changed=true|false,
the breaking/warning/info counts, previous_version, version, bump (what the drift asks for)
and moved (the part of the version number that moved; below 1.0.0 one place right of bump).

Exit codes: 0 up to date, or updated with everything green; 1 the new spec breaks the wrapper
or the tests (spec/ and generated/ keep the update); 2 could not run (nothing changed).`,
};

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseCommandArgs(
    argv,
    { ...SOURCE_OPTIONS, report: { type: "string" }, "test-command": { type: "string" }, root: { type: "string" } },
    help,
  );
  if (args === undefined) return ExitCode.ok;
  const outcome = await runSync(projectPaths(args.root), {
    ...fetchOptionsFromArgs(args),
    testCommand: args["test-command"]?.split(" ").filter(Boolean),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  if (outcome.report !== undefined) {
    if (args.report) await writeFile(args.report, outcome.report);
    else process.stdout.write(outcome.report);
  } else if (!args.report) {
    process.stdout.write("The vendored spec is up to date with upstream.\n");
  }
  const summary = outcome.diff?.summary;
  await appendGithubOutput({
    status: outcome.status,
    changed: outcome.status !== "up-to-date",
    breaking: summary?.breaking ?? 0,
    warning: summary?.warning ?? 0,
    info: summary?.info ?? 0,
    previous_version: outcome.release?.previous ?? "",
    version: outcome.release?.version ?? "",
    bump: outcome.release?.bump ?? "",
    moved: outcome.release?.moved ?? "",
  });
  if (outcome.release) {
    const { previous, version, bump, moved } = outcome.release;
    const why = moved === bump ? bump : `${moved}; the drift is ${bump}, below 1.0.0`;
    process.stderr.write(`sync: proposed version ${previous} → ${version} (${why}); CHANGELOG.md has its entry\n`);
  }
  return outcome.exitCode;
}

if (isExecutedDirectly(import.meta.url)) await runPipelineCommand(() => main(process.argv.slice(2)));
