import { isUtf8 } from "node:buffer";
import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { CommandError } from "../../src/cli/usage-error.js";
import { writeFileAtomic } from "./atomic-write.js";
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, DEFAULT_MAX_BYTES, downloadSpec } from "./download-spec.js";
import { loadDocument } from "./load-document.js";
import type { OpenApiDocument } from "./openapi-document.js";
import { DEFAULT_SPEC_URL, type ProjectPaths } from "./project-paths.js";
import { sha256 } from "./sha256.js";
import { formatSpecLock, readSpecLock } from "./spec-lock.js";

/** Where to take the document from. */
export type SpecSource = { url: string } | { file: string };

export interface FetchSpecOptions {
  source: SpecSource;
  timeoutMs?: number;
  maxBytes?: number;
  maxRetries?: number;
  log?: (line: string) => void;
}

export interface FetchSpecResult {
  /** `unchanged`: nothing written; `updated`: spec and lock rewritten; `locked`: only the lock was out of date. */
  status: "unchanged" | "updated" | "locked";
  previousSha256: string | undefined;
  sha256: string;
  source: string;
  /** The validated document, so a caller need not read and parse it again. */
  document: OpenApiDocument;
}

/** The default upstream address: `DEVIN_SPEC_URL` when set, else the published one. */
export function defaultSpecUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DEVIN_SPEC_URL || DEFAULT_SPEC_URL;
}

/** The document's bytes, exactly as published or as on disk. */
export async function readSource(
  source: SpecSource,
  options: Omit<FetchSpecOptions, "source">,
): Promise<{ bytes: Uint8Array; origin: string }> {
  if ("file" in source) {
    try {
      return { bytes: await readFile(source.file), origin: source.file };
    } catch (error) {
      throw new CommandError(
        `cannot read ${source.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  const bytes = await downloadSpec(source.url, {
    timeoutMs: options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    maxRetries: options.maxRetries,
    log: options.log,
  });
  return { bytes, origin: source.url };
}

/** Bytes as text; a document that is not UTF-8 is refused rather than silently mangled. */
export function decodeDocument(bytes: Uint8Array, origin: string): string {
  // isUtf8 checks in native code; a fatal TextDecoder took 40 ms on a 13 MB document.
  if (!isUtf8(bytes)) throw new CommandError(`${origin} is not UTF-8 text; expected an OpenAPI document`);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/**
 * Replaces spec and lock together: both are written to temporary files beside them
 * first, then renamed into place; if the lock cannot be put in place, the spec is put
 * back, so the two never disagree on disk.
 */
async function replaceSpecAndLock(
  paths: ProjectPaths,
  bytes: Uint8Array,
  lockText: string,
  previous: Uint8Array | undefined,
) {
  const suffix = `.${randomBytes(6).toString("hex")}.tmp`;
  const specTemp = join(dirname(paths.specFile), `.${basename(paths.specFile)}${suffix}`);
  const lockTemp = join(dirname(paths.lockFile), `.${basename(paths.lockFile)}${suffix}`);
  try {
    await writeFile(specTemp, bytes);
    await writeFile(lockTemp, lockText);
    await rename(specTemp, paths.specFile);
    try {
      await rename(lockTemp, paths.lockFile);
    } catch (error) {
      if (previous === undefined) await rm(paths.specFile, { force: true });
      else await writeFileAtomic(paths.specFile, previous);
      throw error;
    }
  } finally {
    await rm(specTemp, { force: true });
    await rm(lockTemp, { force: true });
  }
}

/**
 * Vendors the upstream document: downloads (or reads) it, validates it as an OpenAPI
 * 3.0/3.1 document, and, only when its bytes differ from the vendored spec, replaces the
 * spec and its lock together. Upstream's bytes are kept as published. On any failure
 * nothing in `spec/` changes.
 */
export async function fetchSpec(paths: ProjectPaths, options: FetchSpecOptions): Promise<FetchSpecResult> {
  const { bytes, origin } = await readSource(options.source, options);
  const document = await loadDocument(decodeDocument(bytes, origin), origin);
  const newSha = sha256(bytes);
  const previousBytes = await readFile(paths.specFile).catch(() => undefined);
  const previousSha256 = previousBytes ? sha256(previousBytes) : undefined;
  const lock = await readSpecLock(paths.lockFile);
  const source = "url" in options.source ? options.source.url : (lock?.source ?? DEFAULT_SPEC_URL);
  const lockText = formatSpecLock({ source, sha256: newSha });

  if (previousSha256 === newSha) {
    // Same bytes: nothing to write, wherever they came from (a mirror is not a change), unless
    // the lock is missing or disagrees with the spec, which this repairs.
    if (lock?.sha256 === newSha)
      return { status: "unchanged", previousSha256, sha256: newSha, source: lock.source, document };
    await writeFileAtomic(paths.lockFile, lockText);
    return { status: "locked", previousSha256, sha256: newSha, source, document };
  }
  await replaceSpecAndLock(paths, bytes, lockText, previousBytes);
  return { status: "updated", previousSha256, sha256: newSha, source, document };
}
