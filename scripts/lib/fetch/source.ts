import { open } from "node:fs/promises";
import { basename } from "node:path";
import { PipelineError } from "../util/pipeline-error.js";
import { DEFAULT_SPEC_URL } from "../util/project-paths.js";
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, DEFAULT_MAX_BYTES, downloadSpec } from "./download.js";

/** Where to take the document from. */
export type SpecSource = { url: string } | { file: string };

export interface FetchSpecOptions {
  source: SpecSource;
  timeoutMs?: number;
  maxBytes?: number;
  maxRetries?: number;
  log?: (line: string) => void;
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

/** How much of a file is asked for at a time. */
const CHUNK_BYTES = 1 << 20;

function overLimit(file: string, what: string): PipelineError {
  return new PipelineError("source-refused", `${file} ${what} (--max-bytes)`);
}

/**
 * Reads a local document, refusing one over `maxBytes` as a download is. The size a
 * regular file declares is checked first; then the bytes are counted as they are read, so
 * a file that says nothing true about its size (a FIFO, `/dev/stdin`, `/dev/zero`, a file
 * that grows while read) stops at the limit rather than filling memory.
 */
async function readLocalFile(file: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const handle = await open(file, "r");
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) throw overLimit(file, `is ${size} bytes, over the ${maxBytes}-byte limit`);
      const chunks: Uint8Array[] = [];
      let total = 0;
      for (;;) {
        // One byte past the limit is enough to know it is passed.
        const buffer = new Uint8Array(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
        const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > maxBytes) throw overLimit(file, `passed the ${maxBytes}-byte limit while it was read`);
        chunks.push(buffer.subarray(0, bytesRead));
      }
      return Buffer.concat(chunks, total);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof PipelineError) throw error;
    throw new PipelineError(
      "spec-unreadable",
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
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
