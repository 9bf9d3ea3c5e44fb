import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { ExitCode } from "../../../src/cli/exit-codes.js";
import { checkGenerated } from "../check/check-generated.js";
import type { DiffReport } from "../diff/change.js";
import { diffDocuments } from "../diff/diff-documents.js";
import type { OpenApiDocument } from "../document/model.js";
import { parseOpenApiDocument } from "../document/parse-openapi.js";
import { decodeDocument } from "../document/parse-text.js";
import { readSpecPair, type SpecPair, writeSpecPair } from "../fetch/lock.js";
import type { FetchSpecOptions } from "../fetch/source.js";
import { fetchSpec } from "../fetch/vendor.js";
import { writeGenerated } from "../generate/generation.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { crashPoint } from "../util/crash-point.js";
import { PipelineError } from "../util/pipeline-error.js";
import type { ProjectPaths } from "../util/project-paths.js";
import { runStep } from "../util/run-step.js";
import { timed } from "../util/timed.js";
import { formatSyncReport, type Verification } from "./report.js";
import { parseTscOutput } from "./tsc-output.js";

/** Set for the test suite that sync runs, so a test of sync does not run sync again. */
export const SYNC_CHILD_ENV = "DEVIN_SYNC_CHILD";

export interface SyncOptions extends FetchSpecOptions {
  /** The test suite to run on the regenerated code; default: `$SYNC_TEST_COMMAND`, else this project's vitest suite. */
  testCommand?: readonly string[];
  /** Progress lines, one per step with its duration. */
  log: (line: string) => void;
}

export interface SyncOutcome {
  exitCode: ExitCode;
  /** `up-to-date`: nothing changed; `updated`: regenerated and green; `broken`: regenerated, red. */
  status: "up-to-date" | "updated" | "broken";
  /** The markdown report; undefined when up to date. */
  report: string | undefined;
  diff: DiffReport | undefined;
}

/** What sync may change, as it was before it started, to put back on a failure. */
interface Saved {
  pair: SpecPair;
  generated: Map<string, Buffer | undefined>;
}

async function snapshot(paths: ProjectPaths): Promise<Saved> {
  const files = [paths.typesFile, paths.schemasFile];
  const generated = new Map(
    await Promise.all(files.map(async (file) => [file, await readFile(file).catch(() => undefined)] as const)),
  );
  return { pair: await readSpecPair(paths), generated };
}

async function restore(paths: ProjectPaths, saved: Saved): Promise<void> {
  const { spec, lock } = saved.pair;
  if (spec !== undefined && lock !== undefined) await writeSpecPair(paths, spec, lock);
  for (const [file, bytes] of saved.generated) {
    if (bytes === undefined) await rm(file, { force: true });
    else await writeFileAtomic(file, bytes);
  }
}

function parseSpec(bytes: Uint8Array | undefined, origin: string) {
  if (bytes === undefined) return { openapi: "3.1.0", paths: {} } as OpenApiDocument;
  return parseOpenApiDocument(decodeDocument(bytes, origin), origin);
}

/**
 * The spec as last committed, the base of the report when a sync resumes one that was
 * interrupted after its fetch (the spec before that fetch is gone by then). Undefined
 * outside a git checkout.
 */
async function committedSpec(paths: ProjectPaths): Promise<Buffer | undefined> {
  const name = relative(paths.root, paths.specFile).split(sep).join("/");
  return new Promise((resolve) => {
    execFile(
      "git",
      ["show", `HEAD:${name}`],
      { cwd: paths.root, encoding: "buffer", maxBuffer: 64 << 20 },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
}

/**
 * From "upstream changed" to "ready to review": fetch the spec; when it changed,
 * regenerate, typecheck src/ and test/, run the tests, and report the drift (base: the
 * spec before the fetch) with the verification. Exit 0 when up to date or updated and
 * green; 1 when the new spec breaks the wrapper or the tests (spec/ and generated/ keep
 * the update, so a pull request can show the break); 2 when it could not run, with
 * spec/ and generated/ put back as they were.
 */
export async function runSync(paths: ProjectPaths, options: SyncOptions): Promise<SyncOutcome> {
  const { log } = options;
  const saved = await snapshot(paths);
  const fetched = await timed(log, "sync: fetch", () => fetchSpec(paths, options));
  crashPoint("sync:fetched");
  let baseBytes = saved.pair.spec;
  if (fetched.status !== "updated") {
    // An unchanged spec with generated/ behind it is a sync cut short after its fetch:
    // carry on from there rather than call it up to date.
    if ((await checkGenerated(paths)).current) {
      log("sync: the spec is unchanged; nothing to do");
      return { exitCode: ExitCode.ok, status: "up-to-date", report: undefined, diff: undefined };
    }
    log("sync: generated/ is behind the spec (an earlier sync stopped part-way); regenerating");
    baseBytes = (await committedSpec(paths)) ?? saved.pair.spec;
  }
  try {
    await timed(log, "sync: generate", () => writeGenerated(paths));
    const tsc = [
      process.execPath,
      join(paths.root, "node_modules", "typescript", "bin", "tsc"),
      "--noEmit",
      "-p",
      paths.root,
    ];
    const typecheck = await timed(log, "sync: typecheck", () => runStep(tsc, paths.root));
    const verification: Verification = {
      typecheck: { ok: typecheck.ok, errors: parseTscOutput(typecheck.output) },
      tests: undefined,
    };
    if (typecheck.ok) {
      const command = options.testCommand ??
        process.env.SYNC_TEST_COMMAND?.split(" ").filter(Boolean) ?? [
          process.execPath,
          join(paths.root, "node_modules", "vitest", "vitest.mjs"),
          "run",
        ];
      const tests = await timed(log, "sync: tests", () =>
        runStep(command, paths.root, { [SYNC_CHILD_ENV]: "1", NO_COLOR: "1" }),
      );
      verification.tests = { ok: tests.ok, tail: tests.output.trimEnd().split("\n").slice(-30).join("\n") };
    }
    const base = parseSpec(baseBytes, "the previous spec");
    const diff = diffDocuments(base, fetched.document);
    const green = verification.typecheck.ok && verification.tests?.ok === true;
    return {
      exitCode: green ? ExitCode.ok : ExitCode.failed,
      status: green ? "updated" : "broken",
      report: formatSyncReport(diff, verification),
      diff,
    };
  } catch (error) {
    await restore(paths, saved);
    if (error instanceof PipelineError) throw error;
    throw new PipelineError(
      "step-failed",
      `sync could not run: ${(error as Error).message}; spec/ and generated/ were put back`,
    );
  }
}
