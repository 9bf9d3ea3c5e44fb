import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { CommandError } from "../src/cli/command-error.js";
import { ExitCode } from "../src/cli/exit-codes.js";
import { parseCommandArgs } from "../src/cli/parse-args.js";
import { isExecutedDirectly } from "../src/cli/run-command.js";
import { measureParity, parityMarkdown } from "./lib/parity/measure-parity.js";
import { readOasdiffCases } from "./lib/parity/oasdiff-cases.js";
import {
  measurePair,
  type PairMeasure,
  type RealPair,
  readPairManifest,
  realPairsMarkdown,
} from "./lib/parity/real-pairs.js";
import { runPipelineCommand } from "./lib/util/run-pipeline-command.js";
import { SOURCE_ROOT } from "./lib/util/source-root.js";

const run = promisify(execFile);

const help = {
  usage: "npm run parity -- (--oasdiff <checkout> | --real <manifest or folder> [--only ID]...) [--details]",
  details: `Measures the differ against oasdiff, the reference for which changes break clients: every
document pair of oasdiff's checker tests (checker/*_test.go in a checkout of
github.com/oasdiff/oasdiff) is compared with spec:diff's differ, and each rule id a test
expects is looked for at oasdiff's level. Tests that edit a document in Go or run with
non-default options cannot be replayed from the files and are counted as skipped.

With --real, it measures the differ on real version pairs instead: a manifest (JSON:
{ documents: [{ id, localPath }], pairs: [{ id, base, revision }] }, paths relative to
it) of consecutive published versions of real APIs' descriptions. Each pair is compared
in a process of its own; the table gives per pair the breaking findings, the distinct
places in the documents they are at (references followed), the most at one place, the
time and the peak memory. A document the gate refuses is still compared, and the table
says so.

Options:
  --oasdiff DIR   an oasdiff checkout (its checker/ and data/ folders are read)
  --real PATH     a manifest of real version pairs (or the folder holding MANIFEST.json)
  --only ID       with --real, only this pair (repeatable)
  --details       list every miss, level mismatch and extra breaking change; with
                  --real, each pair's breaking findings

Exit codes: 0 measured; 2 could not run.`,
};

/** One pair in a child process of its own, so its time and peak memory are its own. */
async function measureInChild(pair: RealPair): Promise<PairMeasure> {
  const launcher = join(SOURCE_ROOT, "scripts", "launch.mjs");
  try {
    const { stdout } = await run(process.execPath, [launcher, "parity", "--real-pair", JSON.stringify(pair)], {
      maxBuffer: 256 << 20,
      timeout: 900_000,
    });
    return JSON.parse(stdout) as PairMeasure;
  } catch (error) {
    throw new CommandError(`could not measure ${pair.id}: ${(error as Error).message.split("\n")[0]}`);
  }
}

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseCommandArgs(
    argv,
    {
      oasdiff: { type: "string" },
      real: { type: "string" },
      only: { type: "string", multiple: true },
      "real-pair": { type: "string" },
      details: { type: "boolean" },
    },
    help,
  );
  if (args === undefined) return ExitCode.ok;
  if (typeof args["real-pair"] === "string") {
    process.stdout.write(JSON.stringify(await measurePair(JSON.parse(args["real-pair"]) as RealPair)));
    return ExitCode.ok;
  }
  if (typeof args.real === "string") {
    const only = (args.only as string[] | undefined) ?? [];
    const pairs = (await readPairManifest(args.real)).filter((pair) => only.length === 0 || only.includes(pair.id));
    if (pairs.length === 0) throw new CommandError(`no pairs to measure in ${args.real}`);
    const measures: PairMeasure[] = [];
    for (const pair of pairs) {
      process.stderr.write(`parity: ${pair.id}\n`);
      measures.push(await measureInChild(pair));
    }
    process.stdout.write(realPairsMarkdown(measures, args.details === true));
    return ExitCode.ok;
  }
  if (typeof args.oasdiff !== "string") throw new CommandError("--oasdiff <checkout> or --real <manifest> is required");
  const { cases, skipped, rules } = await readOasdiffCases(args.oasdiff);
  const result = await measureParity(args.oasdiff, cases, rules, skipped);
  process.stdout.write(parityMarkdown(result, args.details === true));
  return ExitCode.ok;
}

if (isExecutedDirectly(import.meta.url)) await runPipelineCommand(() => main(process.argv.slice(2)));
