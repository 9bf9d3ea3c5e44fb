import { relative } from "node:path";
import { writeFileAtomic } from "./atomic-write.js";
import { withBanner } from "./banner.js";
import { generateSchemas } from "./generate-schemas.js";
import { generateTypes } from "./generate-types.js";
import { generatorFingerprint, openapiTypescriptVersion } from "./generator-fingerprint.js";
import { loadDocument } from "./load-document.js";
import type { ProjectPaths } from "./project-paths.js";
import { readIfExists, readTextFile } from "./read-text.js";
import { describeRepair, type PathParameterRepair, repairPathParameters } from "./repair-path-params.js";
import { sha256 } from "./sha256.js";

export interface GeneratedFile {
  path: string;
  content: string;
}

export interface Generation {
  specSha256: string;
  repairs: PathParameterRepair[];
  files: GeneratedFile[];
}

/**
 * The whole generation step in memory: read the vendored spec, validate it, repair it,
 * then render the types and the response schemas, each behind its banner. Writes nothing.
 */
export async function generate(paths: ProjectPaths): Promise<Generation> {
  const specText = await readTextFile(paths.specFile, "spec");
  const specSha256 = sha256(specText);
  const origin = relative(paths.root, paths.specFile);
  const { document, repairs } = repairPathParameters(await loadDocument(specText, origin));
  const facts = { specSha256, repairs: repairs.map(describeRepair), generator: generatorFingerprint() };
  const producer = `openapi-typescript ${openapiTypescriptVersion()}`;
  return {
    specSha256,
    repairs,
    files: [
      { path: paths.typesFile, content: withBanner({ ...facts, producer }, await generateTypes(document)) },
      {
        path: paths.schemasFile,
        content: withBanner({ ...facts, producer: "devin-v3-client" }, generateSchemas(document)),
      },
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
    }
  }
  return { ...generation, written, unchanged };
}
