import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { ExitCode } from "../../../src/cli/exit-codes.js";
import { WRAPPED_OPERATIONS } from "../../../src/wrapped-operations.js";
import { checkGenerated } from "../check/check-generated.js";
import type { DiffReport } from "../diff/change.js";
import { diffDocuments } from "../diff/diff-documents.js";
import { formatMarkdown } from "../diff/report/markdown.js";
import type { OpenApiDocument } from "../document/model.js";
import { parseOpenApiDocument } from "../document/parse-openapi.js";
import { decodeDocument } from "../document/parse-text.js";
import { warningLines } from "../document/warnings.js";
import { readSpecPair, type SpecPair, writeSpecPair } from "../fetch/lock.js";
import type { FetchSpecOptions } from "../fetch/source.js";
import { fetchSpec } from "../fetch/vendor.js";
import { writeGenerated } from "../generate/generation.js";
import { changelogEntry, packageVersion, prependChangelog, writePackageVersion } from "../release/release-files.js";
import { type Bump, bumpFor, movedPart, nextVersion } from "../release/version.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { crashPoint } from "../util/crash-point.js";
import { PipelineError } from "../util/pipeline-error.js";
import type { ProjectPaths } from "../util/project-paths.js";
import { readIfExists } from "../util/read-text.js";
import { runStep } from "../util/run-step.js";
import { timed } from "../util/timed.js";
import { unwrappedNewOperations } from "./new-operations.js";
import { formatSyncReport, type Verification } from "./report.js";
import { parseFailedTests, parseTestCounts } from "./test-counts.js";
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
  /** The markdown report (the pull-request body, within its size limit); undefined when up to date. */
  report: string | undefined;
  diff: DiffReport | undefined;
  /** The version proposed for the regenerated package, and the bump that gave it; undefined when up to date. */
  /** `bump` is what the drift asks for, `moved` the part of the version number that moved (they differ below 1.0.0). */
  release: { previous: string; version: string; bump: Bump; moved: Bump } | undefined;
}

/**
 * What a sync writes when it starts and removes when it ends, so that a sync killed
 * half-way is finished by the next one with the right base (the spec before the fetch,
 * which is gone by then) and the right version (bumped once, from the version before).
 */
interface SyncJournal {
  previousVersion: string;
  /** The vendored spec before the fetch, as text ("" when there was none). */
  base: string;
}

async function readJournal(paths: ProjectPaths): Promise<SyncJournal | undefined> {
  const text = await readIfExists(paths.syncJournalFile);
  if (text === undefined) return undefined;
  try {
    const journal = JSON.parse(text) as Partial<SyncJournal>;
    if (typeof journal.previousVersion === "string" && typeof journal.base === "string") return journal as SyncJournal;
  } catch {
    // A journal cut short is no journal: the sync starts afresh.
  }
  return undefined;
}

/** What sync may change, as it was before it started, to put back on a failure. */
interface Saved {
  pair: SpecPair;
  /** generated/, the full report and the release files. */
  generated: Map<string, Buffer | undefined>;
}

async function snapshot(paths: ProjectPaths): Promise<Saved> {
  const files = [
    paths.typesFile,
    paths.schemasFile,
    paths.changesFile,
    paths.packageFile,
    paths.packageLockFile,
    paths.changelogFile,
  ];
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
  const resumed = await readJournal(paths);
  const journal: SyncJournal = resumed ?? {
    previousVersion: await packageVersion(paths.packageFile),
    base: saved.pair.spec?.toString("utf8") ?? "",
  };
  if (!resumed) await writeFileAtomic(paths.syncJournalFile, JSON.stringify(journal));
  const fetched = await timed(log, "sync: fetch", () => fetchSpec(paths, options)).catch(async (error: unknown) => {
    // Nothing was vendored, so there is nothing for a later sync to finish.
    if (!resumed) await rm(paths.syncJournalFile, { force: true });
    throw error;
  });
  for (const line of warningLines(fetched.origin, fetched.warnings)) log(line);
  crashPoint("sync:fetched");
  let baseText: string | undefined = journal.base;
  if (fetched.status !== "updated" && !resumed) {
    // An unchanged spec with generated/ behind it is a sync cut short without its journal
    // (an older version of this command): carry on from there rather than call it up to date.
    if ((await checkGenerated(paths)).current) {
      await rm(paths.syncJournalFile, { force: true });
      log("sync: the spec is unchanged; nothing to do");
      return { exitCode: ExitCode.ok, status: "up-to-date", report: undefined, diff: undefined, release: undefined };
    }
    log("sync: generated/ is behind the spec (an earlier sync stopped part-way); regenerating");
    baseText = (await committedSpec(paths))?.toString("utf8") ?? baseText;
  }
  if (resumed) log("sync: finishing a sync that stopped part-way");
  try {
    const generation = await timed(log, "sync: generate", () => writeGenerated(paths));
    crashPoint("sync:generated");
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
      verification.tests = {
        ok: tests.ok,
        tail: tests.output.trimEnd().split("\n").slice(-30).join("\n"),
        counts: parseTestCounts(tests.output),
        failed: parseFailedTests(tests.output),
      };
    }
    crashPoint("sync:verified");
    const base = parseSpec(baseText ? Buffer.from(baseText) : undefined, "the previous spec");
    const diff = diffDocuments(base, fetched.document);
    const bump = bumpFor(diff);
    if (bump === undefined) {
      // Nothing changed after all (a journal left by a sync killed before its fetch).
      await rm(paths.syncJournalFile, { force: true });
      log("sync: the spec is unchanged; nothing to do");
      return { exitCode: ExitCode.ok, status: "up-to-date", report: undefined, diff: undefined, release: undefined };
    }
    const version = nextVersion(journal.previousVersion, bump);
    const release = {
      previous: journal.previousVersion,
      version,
      bump,
      moved: movedPart(journal.previousVersion, version),
    };
    await writeFileAtomic(paths.changesFile, formatMarkdown(diff, { title: "Upstream spec changes (full report)" }));
    await writePackageVersion(paths, release.version);
    await prependChangelog(paths.changelogFile, changelogEntry({ ...release, report: diff, date: new Date() }));
    crashPoint("sync:released");
    await rm(paths.syncJournalFile, { force: true });
    const green = verification.typecheck.ok && verification.tests?.ok === true;
    return {
      exitCode: green ? ExitCode.ok : ExitCode.failed,
      status: green ? "updated" : "broken",
      report: formatSyncReport(diff, verification, {
        fullReport: "`spec/CHANGES.md` in this pull request",
        release,
        repairs: generation.repairs,
        unwrapped: unwrappedNewOperations(base, fetched.document, WRAPPED_OPERATIONS),
      }),
      diff,
      release,
    };
  } catch (error) {
    await restore(paths, saved);
    await rm(paths.syncJournalFile, { force: true });
    if (error instanceof PipelineError) throw error;
    throw new PipelineError(
      "step-failed",
      `sync could not run: ${(error as Error).message}; spec/ and generated/ were put back`,
    );
  }
}
