import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { CommandError } from "../src/cli/command-error.js";
import { ExitCode } from "../src/cli/exit-codes.js";
import { parseCommandArgs } from "../src/cli/parse-args.js";
import { isExecutedDirectly } from "../src/cli/run-command.js";
import type { BenchContext, Figure } from "./lib/bench/figure.js";
import { measureBundle } from "./lib/bench/figure-bundle.js";
import { measureCheck } from "./lib/bench/figure-check.js";
import { measureConsumerTsc } from "./lib/bench/figure-consumer-tsc.js";
import { measureDiffGithub, measureGenerateGithub } from "./lib/bench/figure-github.js";
import { measurePerCall } from "./lib/bench/figure-per-call.js";
import { measureTestSuite } from "./lib/bench/figure-test-suite.js";
import { DEFAULT_ROOT } from "./lib/util/project-paths.js";
import { runPipelineCommand } from "./lib/util/run-pipeline-command.js";
import { timed } from "./lib/util/timed.js";

const help = {
  usage: "npm run bench [-- --quick] [--only <figure>]...",
  details: `Measures the pipeline and the client against the tools a user would otherwise use, in one
run: each figure is the median of several runs after a warm-up, ours and the baseline
alternating and launched the same way. Prints a markdown table: what was measured, ours, the
baseline, the ratio and the goal. GitHub's description is fetched once with npm pack into
.cache/ (ignored by git).

Options:
  --quick          fewer runs and calls, for a fast look
  --only <figure>  measure only this figure (repeatable): check, generate, diff, per-call,
                   bundle, consumer-tsc, test-suite

Exit codes: 0 measured (goals met or not: the table says); 2 could not run.`,
};

function table(figures: Figure[]): string {
  const rows = figures.map((figure) => {
    const ratio = figure.ratio === undefined ? "—" : `${figure.ratio.toFixed(2)}×`;
    return `| ${figure.measured} | ${figure.ours} | ${figure.baseline} | ${ratio} | ${figure.goal} ${figure.met ? "✓" : "✗"} |`;
  });
  return ["| measured | ours | baseline (same run) | ratio | goal |", "|---|---|---|---|---|", ...rows].join("\n");
}

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseCommandArgs(argv, { quick: { type: "boolean" }, only: { type: "string", multiple: true } }, help);
  if (args === undefined) return ExitCode.ok;
  const context: BenchContext = {
    root: DEFAULT_ROOT,
    quick: args.quick === true,
    cacheDir: join(DEFAULT_ROOT, ".cache", "bench"),
    log: (line) => process.stderr.write(`${line}\n`),
  };
  const figures: Figure[] = [];
  const steps: [id: string, name: string, measure: () => Promise<Figure | Figure[]>][] = [
    ["check", "npm run check", () => measureCheck(context)],
    ["generate", "npm run generate on GitHub's spec", () => measureGenerateGithub(context)],
    ["diff", "spec:diff on GitHub's spec", () => measureDiffGithub(context)],
    ["per-call", "getUsageMetrics per call", () => measurePerCall(context)],
    ["bundle", "client bundle", () => measureBundle(context)],
    ["consumer-tsc", "consumer tsc", () => measureConsumerTsc(context)],
    ["test-suite", "npm test", () => measureTestSuite(context)],
  ];
  const only = (args.only as string[] | undefined) ?? [];
  const unknown = only.filter((id) => !steps.some(([known]) => known === id));
  if (unknown.length > 0) {
    throw new CommandError(`Unknown figure ${unknown.join(", ")}; known: ${steps.map(([id]) => id).join(", ")}`);
  }
  for (const [id, name, measure] of steps) {
    if (only.length > 0 && !only.includes(id)) continue;
    figures.push(...[await timed(context.log, `bench: ${name}`, measure)].flat());
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  process.stdout.write(`${table(figures)}\n\nMachine: ${machine}${context.quick ? " (--quick)" : ""}\n`);
  return ExitCode.ok;
}

if (isExecutedDirectly(import.meta.url)) await runPipelineCommand(() => main(process.argv.slice(2)));
