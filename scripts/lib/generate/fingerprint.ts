import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256 } from "../util/sha256.js";
import { SOURCE_ROOT } from "../util/source-root.js";
import { GENERATOR_OPTIONS } from "./options.js";

/** The module that generates `generated/`: everything it imports, directly or not, shapes the output. */
export const GENERATION_ENTRY = join("scripts", "lib", "generate", "generation.ts");

/**
 * Relative imports that load code: static (`from "./x.js"`, `import "./x.js"`) and
 * dynamic (`import("./x.js")`), but not `import type`, which is erased before anything runs.
 */
const RELATIVE_IMPORT = /^(?!import type)[^\n]*?(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/gm;

/**
 * The project's source files the generation step is made of: the import closure of
 * `GENERATION_ENTRY`, found by reading the sources (packages are covered by their
 * versions instead), sorted. Nothing is listed by hand, so a module that starts being
 * imported is covered from that moment.
 */
export function generatorSources(root: string = SOURCE_ROOT): string[] {
  const found = new Set<string>();
  const pending = [resolve(root, GENERATION_ENTRY)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (found.has(file)) continue;
    found.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(RELATIVE_IMPORT)) {
      const target = resolve(dirname(file), (match[1] as string).replace(/\.js$/, ".ts"));
      // generated/ is the output, never an input: counting it would make every regeneration stale.
      if (existsSync(target) && !found.has(target) && !relative(root, target).startsWith("generated"))
        pending.push(target);
    }
  }
  return [...found].map((file) => relative(root, file).split(sep).join("/")).sort();
}

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
 * openapi-typescript version, its options and every source file of the generation step
 * (`generatorSources`). Computing it reads a few small files and loads no generator,
 * which is what lets `npm run check` answer "current" without regenerating.
 */
export function generatorFingerprint(root: string = SOURCE_ROOT): string {
  const sources = generatorSources(root).map((file) => [file, readFileSync(join(root, file), "utf8")]);
  return sha256(JSON.stringify({ openapiTypescript: openapiTypescriptVersion(), GENERATOR_OPTIONS, sources }));
}
