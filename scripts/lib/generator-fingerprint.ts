import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { GENERATOR_OPTIONS } from "./generator-options.js";
import { sha256 } from "./sha256.js";
import { SOURCE_ROOT } from "./source-root.js";

/**
 * The modules whose code decides what `generated/` contains besides the spec. Their text
 * is part of the fingerprint, so editing the repair step or the generator makes every
 * generated file stale until it is regenerated.
 */
const PIPELINE_MODULES = [
  "generator-options.ts",
  "repair-path-params.ts",
  "generate-types.ts",
  "generate-schemas.ts",
  "banner.ts",
] as const;

/** The installed openapi-typescript version, read without loading the generator itself. */
export function openapiTypescriptVersion(): string {
  const entry = fileURLToPath(import.meta.resolve("openapi-typescript"));
  const manifest = JSON.parse(readFileSync(new URL("../package.json", `file://${entry}`), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

/**
 * A hash of everything other than the spec that shapes the generated files: the
 * openapi-typescript version, its options and our pipeline code. Computing it reads a few
 * small files and loads no generator, which is what lets `npm run check` answer "current"
 * in a fraction of the time a regeneration takes.
 */
export function generatorFingerprint(): string {
  const pipeline = PIPELINE_MODULES.map((module) => readFileSync(join(SOURCE_ROOT, "scripts", "lib", module), "utf8"));
  return sha256(JSON.stringify({ openapiTypescript: openapiTypescriptVersion(), GENERATOR_OPTIONS, pipeline }));
}
