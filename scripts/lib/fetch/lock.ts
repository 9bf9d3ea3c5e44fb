import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { decodeDocument } from "../document/parse-text.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { crashPoint } from "../util/crash-point.js";
import { PipelineError } from "../util/pipeline-error.js";
import type { ProjectPaths } from "../util/project-paths.js";
import { readIfExists } from "../util/read-text.js";
import { sha256 } from "../util/sha256.js";

/**
 * What the lock beside the vendored spec records: where the document came from and the
 * sha256 of its bytes. No date: it changes only when the content does.
 */
export interface SpecLock {
  source: string;
  sha256: string;
}

export function formatSpecLock(lock: SpecLock): string {
  return `${JSON.stringify({ source: lock.source, sha256: lock.sha256 }, null, 2)}\n`;
}

/**
 * The spec and its lock are two files that must change together, and no file system
 * renames two files at once. So the lock is the single commit point:
 *
 * 1. the new spec is written beside the old one as `.v3-openapi.yaml.<sha256>.pending`;
 * 2. the new lock is renamed into place: from this instant the new pair is the vendored
 *    one (the lock names the pending file by its hash);
 * 3. the pending file is renamed over the spec.
 *
 * A process killed before 2 leaves the old pair and a pending file the lock does not
 * name, which is deleted; killed between 2 and 3, it leaves a lock whose pending spec
 * is there, which is renamed into place. `readSpecPair`, the only reader of the lock,
 * settles either case before it answers, so every command sees the old pair or the new
 * one, never a mix, and no stray file survives.
 */
const PENDING = /^\.v3-openapi\.yaml\.([0-9a-f]{64})\.pending$/;

function pendingFile(paths: ProjectPaths, sha: string): string {
  return join(dirname(paths.specFile), `.${basename(paths.specFile)}.${sha}.pending`);
}

/** Leftovers of an interrupted write in spec/: pending specs and atomic-write temporaries. */
async function leftovers(paths: ProjectPaths): Promise<string[]> {
  const names = await readdir(dirname(paths.specFile)).catch(() => [] as string[]);
  const temporary = new RegExp(`^\\.(${basename(paths.specFile)}|${basename(paths.lockFile)})\\.[0-9a-f]+\\.tmp$`);
  return names.filter((name) => PENDING.test(name) || temporary.test(name));
}

function parseLock(text: string, lockFile: string): SpecLock {
  try {
    const parsed = JSON.parse(text) as Partial<SpecLock>;
    if (typeof parsed.source === "string" && typeof parsed.sha256 === "string" && /^[0-9a-f]{64}$/.test(parsed.sha256))
      return { source: parsed.source, sha256: parsed.sha256 };
  } catch {
    // Reported below with the file's name.
  }
  throw new PipelineError(
    "lock-invalid",
    `${relative(process.cwd(), lockFile) || lockFile} is not a valid lock (expected {"source", "sha256"}); restore it from git or re-vendor with \`npm run spec:fetch\``,
  );
}

export interface SpecPair {
  /** The spec's bytes; `undefined` when there is no spec. */
  spec: Buffer | undefined;
  specSha256: string | undefined;
  /** The lock; `undefined` when there is none. A lock that cannot be read is an error. */
  lock: SpecLock | undefined;
}

/**
 * The vendored spec and its lock, after finishing or undoing a write that was cut short
 * (see above). The one reader of the lock: a malformed lock is always an error.
 */
export async function readSpecPair(paths: ProjectPaths): Promise<SpecPair> {
  const lockText = await readIfExists(paths.lockFile);
  const lock = lockText === undefined ? undefined : parseLock(lockText, paths.lockFile);
  let spec = await readFile(paths.specFile).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw new PipelineError(
      "spec-unreadable",
      `cannot read ${relative(process.cwd(), paths.specFile)}: ${error.code ?? error.message}`,
    );
  });
  let specSha256 = spec && sha256(spec);
  for (const name of await leftovers(paths)) {
    const file = join(dirname(paths.specFile), name);
    const committed = lock !== undefined && name === basename(pendingFile(paths, lock.sha256));
    if (committed && specSha256 !== lock.sha256) {
      const bytes = await readFile(file);
      if (sha256(bytes) === lock.sha256) {
        await rename(file, paths.specFile);
        spec = bytes;
        specSha256 = lock.sha256;
        continue;
      }
    }
    await rm(file, { force: true });
  }
  return { spec, specSha256, lock };
}

/**
 * The vendored spec as text with its sha256 and its lock, from one read of the pair (the
 * spec's bytes are read and hashed once). A missing spec is an error; so is one that is
 * not UTF-8.
 */
export async function readVendoredText(
  paths: ProjectPaths,
): Promise<{ text: string; sha256: string; lock: SpecLock | undefined }> {
  const { spec, specSha256, lock } = await readSpecPair(paths);
  const shown = relative(process.cwd(), paths.specFile) || paths.specFile;
  if (spec === undefined || specSha256 === undefined) {
    throw new PipelineError("spec-unreadable", `spec ${shown} does not exist`);
  }
  return { text: decodeDocument(spec, shown), sha256: specSha256, lock };
}

/**
 * Replaces spec and lock as one change (see above): after this resolves, or after any
 * crash and the next `readSpecPair`, both are the new ones or both the old ones.
 */
export async function writeSpecPair(paths: ProjectPaths, bytes: Uint8Array, lock: SpecLock): Promise<void> {
  const pending = pendingFile(paths, lock.sha256);
  // The first document vendored into a project creates its spec/.
  await mkdir(dirname(pending), { recursive: true });
  // Not atomic on purpose: a half-written pending file does not hash to the lock's sha256,
  // so it is never taken for the spec.
  await writeFile(pending, bytes);
  crashPoint("spec-pair:staged");
  await writeFileAtomic(paths.lockFile, formatSpecLock(lock));
  crashPoint("spec-pair:committed");
  await rename(pending, paths.specFile);
}

/** Writes only the lock, for a spec whose bytes are already the right ones. */
export async function writeLockOnly(paths: ProjectPaths, lock: SpecLock): Promise<void> {
  await writeFileAtomic(paths.lockFile, formatSpecLock(lock));
}
