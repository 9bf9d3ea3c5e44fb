import { join, relative } from "node:path";
import { ExitCode } from "../src/cli/exit-codes.js";
import { parseCommandArgs } from "../src/cli/parse-args.js";
import { isExecutedDirectly } from "../src/cli/run-command.js";
import { rulesMarkdown, withReadmeRulesTable } from "./lib/diff/report/rules-table.js";
import { writeFileAtomic } from "./lib/util/atomic-write.js";
import { DEFAULT_ROOT } from "./lib/util/project-paths.js";
import { readIfExists } from "./lib/util/read-text.js";
import { runPipelineCommand } from "./lib/util/run-pipeline-command.js";

const help = {
  usage: "npm run docs [-- --check]",
  details: `Writes docs/rules.md, the table of drift rules, and the README's summary of them, from
the rule registry (scripts/lib/diff/rules.ts).

Options:
  --check   write nothing; exit 1 when either is not what the registry gives

Exit codes: 0 written or current; 1 stale (with --check); 2 could not run.`,
};

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseCommandArgs(argv, { check: { type: "boolean" } }, help);
  if (args === undefined) return ExitCode.ok;
  const targets: [file: string, text: (current: string) => string][] = [
    [join(DEFAULT_ROOT, "docs", "rules.md"), () => rulesMarkdown()],
    [join(DEFAULT_ROOT, "README.md"), (current) => withReadmeRulesTable(current)],
  ];
  let stale = false;
  for (const [file, text] of targets) {
    const shown = relative(process.cwd(), file);
    const current = (await readIfExists(file)) ?? "";
    const wanted = text(current);
    if (current === wanted) {
      process.stdout.write(`${shown} is up to date\n`);
    } else if (args.check) {
      process.stderr.write(`${shown} is not what the rule registry gives; run \`npm run docs\`\n`);
      stale = true;
    } else {
      await writeFileAtomic(file, wanted);
      process.stdout.write(`wrote ${shown}\n`);
    }
  }
  return stale ? ExitCode.failed : ExitCode.ok;
}

if (isExecutedDirectly(import.meta.url)) await runPipelineCommand(() => main(process.argv.slice(2)));
