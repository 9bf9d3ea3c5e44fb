import { join } from "node:path";
import { SOURCE_ROOT } from "./source-root.js";

/** Where the pipeline reads and writes, relative to one project root (tests use temp copies). */
export interface ProjectPaths {
  root: string;
  /** The vendored upstream document: written only by the fetch step. */
  specFile: string;
  /** Source URL and sha256 of the vendored document. */
  lockFile: string;
  /** openapi-typescript output. */
  typesFile: string;
  /** Response schemas for runtime validation, derived from the same document. */
  schemasFile: string;
  /** The full drift report of the last regeneration, beside the spec it describes. */
  changesFile: string;
  /** The release files a regeneration bumps: package.json, package-lock.json, CHANGELOG.md. */
  packageFile: string;
  packageLockFile: string;
  changelogFile: string;
  /** Written when a sync starts and removed when it ends: what the next sync needs to finish a cut-short one. */
  syncJournalFile: string;
}

/** The repository this code belongs to. */
export const DEFAULT_ROOT = SOURCE_ROOT;

/** The upstream address of the document, as the lock records it unless told otherwise. */
export const DEFAULT_SPEC_URL = "https://docs.devin.ai/v3-openapi.yaml";

export function projectPaths(root: string = DEFAULT_ROOT): ProjectPaths {
  return {
    root,
    specFile: join(root, "spec", "v3-openapi.yaml"),
    lockFile: join(root, "spec", "v3-openapi.lock.json"),
    typesFile: join(root, "generated", "devin-v3.ts"),
    schemasFile: join(root, "generated", "devin-v3-schemas.ts"),
    changesFile: join(root, "spec", "CHANGES.md"),
    packageFile: join(root, "package.json"),
    packageLockFile: join(root, "package-lock.json"),
    changelogFile: join(root, "CHANGELOG.md"),
    syncJournalFile: join(root, "spec", ".sync-in-progress.json"),
  };
}
