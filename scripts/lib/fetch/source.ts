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

/** Reads a local document, refusing one over `maxBytes` (as a download is) before reading it. */
async function readLocalFile(file: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const handle = await open(file, "r");
    try {
      const { size } = await handle.stat();
      if (size > maxBytes)
        throw new PipelineError(
          "source-refused",
          `${file} is ${size} bytes, over the ${maxBytes}-byte limit (--max-bytes)`,
        );
      return await handle.readFile();
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
