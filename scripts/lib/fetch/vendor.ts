import type { OpenApiDocument } from "../document/model.js";
import { parseAndValidateDocument } from "../document/parse-openapi.js";
import { decodeDocument } from "../document/parse-text.js";
import type { DocumentWarning } from "../document/warnings.js";
import type { ProjectPaths } from "../util/project-paths.js";
import { sha256 } from "../util/sha256.js";
import { readSpecPair, writeLockOnly, writeSpecPair } from "./lock.js";
import { type FetchSpecOptions, readSource } from "./source.js";

export interface FetchSpecResult {
  /** `unchanged`: nothing written; `updated`: spec and lock rewritten; `locked`: only the lock was out of date. */
  status: "unchanged" | "updated" | "locked";
  previousSha256: string | undefined;
  sha256: string;
  source: string;
  /** The validated document, so a caller need not read and parse it again. */
  document: OpenApiDocument;
  /** What the document does that is not as specified but endangers nothing (printed, not refused). */
  warnings: DocumentWarning[];
  /** The document's name, for the lines that show the warnings. */
  origin: string;
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
  const { document, warnings } = await parseAndValidateDocument(decodeDocument(bytes, origin), origin);
  const newSha = sha256(bytes);
  const { specSha256: previousSha256, lock } = await readSpecPair(paths);
  const newLock = { source, sha256: newSha };

  if (previousSha256 === newSha) {
    // Same bytes: nothing to write, wherever they came from (a mirror is not a change), unless
    // the lock is missing or disagrees with the spec, which this repairs.
    if (lock?.sha256 === newSha)
      return { status: "unchanged", previousSha256, sha256: newSha, source: lock.source, document, warnings, origin };
    await writeLockOnly(paths, newLock);
    return { status: "locked", previousSha256, sha256: newSha, source, document, warnings, origin };
  }
  await writeSpecPair(paths, bytes, newLock);
  return { status: "updated", previousSha256, sha256: newSha, source, document, warnings, origin };
}
