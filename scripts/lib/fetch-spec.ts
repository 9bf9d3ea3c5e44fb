import { isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";
import { basename } from "node:path";
import { CommandError } from "../../src/cli/usage-error.js";
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, DEFAULT_MAX_BYTES, downloadSpec } from "./download-spec.js";
import { loadDocument } from "./load-document.js";
import type { OpenApiDocument } from "./openapi-document.js";
import { DEFAULT_SPEC_URL, type ProjectPaths } from "./project-paths.js";
import { sha256 } from "./sha256.js";
import { readSpecPair, writeLockOnly, writeSpecPair } from "./spec-lock.js";

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

/** A document's bytes, with the name to show for it and the source its lock records. */
export interface SourceBytes {
  bytes: Uint8Array;
  /** For messages: the file as given, or the URL asked for. */
  origin: string;
  /**
   * Where the bytes came from, for the lock: the URL that answered (after redirects), or
   * `file:<name>` for a local file (its name only: a path of this machine has no place in
   * a committed file).
   */
  source: string;
}

/** Reads a local document, refusing one over `maxBytes` (as a download is) before reading it. */
async function readLocalFile(file: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const handle = await open(file, "r");
    try {
      const { size } = await handle.stat();
      if (size > maxBytes)
        throw new CommandError(`${file} is ${size} bytes, over the ${maxBytes}-byte limit (--max-bytes)`);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The document's bytes, exactly as published or as on disk. */
export async function readSource(source: SpecSource, options: Omit<FetchSpecOptions, "source">): Promise<SourceBytes> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if ("file" in source) {
    return {
      bytes: await readLocalFile(source.file, maxBytes),
      origin: source.file,
      source: `file:${basename(source.file)}`,
    };
  }
  const { bytes, url } = await downloadSpec(source.url, {
    timeoutMs: options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
    maxBytes,
    maxRetries: options.maxRetries,
    log: options.log,
  });
  return { bytes, origin: source.url, source: url };
}

/** Bytes as text; a document that is not UTF-8 is refused rather than silently mangled. */
export function decodeDocument(bytes: Uint8Array, origin: string): string {
  // isUtf8 checks in native code; a fatal TextDecoder took 40 ms on a 13 MB document.
  if (!isUtf8(bytes)) throw new CommandError(`${origin} is not UTF-8 text; expected an OpenAPI document`);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/**
 * Vendors the upstream document: downloads (or reads) it, validates it as an OpenAPI
 * 3.0/3.1 document, and, only when its bytes differ from the vendored spec, replaces the
 * spec and its lock as one change (`writeSpecPair`). Upstream's bytes are kept as
 * published, and the lock records where they came from. On any failure nothing in
 * `spec/` changes.
 */
export async function fetchSpec(paths: ProjectPaths, options: FetchSpecOptions): Promise<FetchSpecResult> {
  const { bytes, origin, source } = await readSource(options.source, options);
  const document = await loadDocument(decodeDocument(bytes, origin), origin);
  const newSha = sha256(bytes);
  const { specSha256: previousSha256, lock } = await readSpecPair(paths);
  const newLock = { source, sha256: newSha };

  if (previousSha256 === newSha) {
    // Same bytes: nothing to write, wherever they came from (a mirror is not a change), unless
    // the lock is missing or disagrees with the spec, which this repairs.
    if (lock?.sha256 === newSha)
      return { status: "unchanged", previousSha256, sha256: newSha, source: lock.source, document };
    await writeLockOnly(paths, newLock);
    return { status: "locked", previousSha256, sha256: newSha, source, document };
  }
  await writeSpecPair(paths, bytes, newLock);
  return { status: "updated", previousSha256, sha256: newSha, source, document };
}
