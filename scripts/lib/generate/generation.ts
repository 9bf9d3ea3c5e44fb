import { relative } from "node:path";
import type { OpenApiDocument } from "../document/model.js";
import { parseOpenApiDocument } from "../document/parse-openapi.js";
import { assertValidStructure } from "../document/validate.js";
import { type DocumentWarning, warningLines } from "../document/warnings.js";
import { readVendoredText } from "../fetch/lock.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { crashPoint } from "../util/crash-point.js";
import type { ProjectPaths } from "../util/project-paths.js";
import { readIfExists } from "../util/read-text.js";
import { withBanner } from "./banner.js";
import { generatorFingerprint, openapiTypescriptVersion } from "./fingerprint.js";
import { describeRepair, type PathParameterRepair, repairPathParameters } from "./repair-path-params.js";
import { generateSchemas } from "./schemas.js";
import { generateTypes } from "./types.js";

export interface GeneratedFile {
  path: string;
  content: string;
}

export interface Generation {
  specSha256: string;
  repairs: PathParameterRepair[];
  /** What the spec does that is not as specified but endangers nothing; empty when the lock vouched for it. */
  warnings: string[];
  files: GeneratedFile[];
}

/**
 * The vendored spec, parsed and checked. It is always checked to be OpenAPI 3.0/3.1; its
 * structure is validated unless the lock vouches for these exact bytes: spec:fetch
 * validates a document before it writes it and its hash, so re-validating 13 MB of
 * already-checked bytes on every generation would be work done twice. A spec edited by
 * hand no longer matches its lock and is validated in full.
 */
async function readVendoredSpec(
  paths: ProjectPaths,
): Promise<{ document: OpenApiDocument; specSha256: string; origin: string; warnings: DocumentWarning[] }> {
  const { text: specText, sha256: specSha256, lock } = await readVendoredText(paths);
  const origin = relative(paths.root, paths.specFile);
  const parsed = parseOpenApiDocument(specText, origin);
  const warnings = lock?.sha256 === specSha256 ? [] : await assertValidStructure(parsed, origin);
  return { document: parsed, specSha256, origin, warnings };
}

/**
 * The whole generation step in memory: read the vendored spec, validate it, repair it,
 * then render the response schemas and the types, each behind its banner. Writes nothing.
 */
export async function generate(paths: ProjectPaths): Promise<Generation> {
  const { document: parsed, specSha256, origin, warnings } = await readVendoredSpec(paths);
  const { document, repairs } = repairPathParameters(parsed);
  const facts = { specSha256, repairs: repairs.map(describeRepair), generator: generatorFingerprint() };
  // The schemas first: generating the types may modify the document (see generateTypes).
  const schemas = withBanner({ ...facts, producer: "devin-v3-client" }, generateSchemas(document));
  const producer = `openapi-typescript ${openapiTypescriptVersion()}`;
  const types = withBanner({ ...facts, producer }, await generateTypes(document, origin));
  return {
    specSha256,
    repairs,
    warnings: warningLines(origin, warnings),
    files: [
      { path: paths.typesFile, content: types },
      { path: paths.schemasFile, content: schemas },
    ],
  };
}

export interface WriteResult extends Generation {
  /** Files whose content changed and were rewritten. */
  written: string[];
  /** Files that already held exactly the generated content and were not touched. */
  unchanged: string[];
}

/** Generates and writes only the files whose content differs, each atomically. */
export async function writeGenerated(paths: ProjectPaths): Promise<WriteResult> {
  const generation = await generate(paths);
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const file of generation.files) {
    if ((await readIfExists(file.path)) === file.content) {
      unchanged.push(file.path);
    } else {
      await writeFileAtomic(file.path, file.content);
      written.push(file.path);
      crashPoint("generate:file-written");
    }
  }
  return { ...generation, written, unchanged };
}
