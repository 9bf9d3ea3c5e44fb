import { oneLine } from "../../../src/untrusted-text.js";
import { PipelineError } from "../util/pipeline-error.js";
import { forTools, unresolvedDataRefs } from "./for-tools.js";
import { isRecord, type OpenApiDocument } from "./model.js";
import { sealedRedocly } from "./sealed-redocly.js";
import { toolFailure } from "./tool-failure.js";
import { verdictOf } from "./warning-or-refusal.js";
import type { DocumentWarning } from "./warnings.js";

/** OpenAPI versions the generator and the differ understand. */
const SUPPORTED_VERSION = /^3\.[01]\.\d+$/;

/**
 * Checks that a parsed object is an OpenAPI 3.0.x or 3.1.x document with `paths`, and
 * says in one line what it is instead (a Swagger 2.0 file, another version, no paths).
 */
export function assertOpenApi3(parsed: Record<string, unknown>, origin: string): asserts parsed is OpenApiDocument {
  if (typeof parsed.swagger === "string") {
    throw new PipelineError(
      "spec-invalid",
      `${origin} is a Swagger ${parsed.swagger} document; only OpenAPI 3.0 and 3.1 are supported`,
    );
  }
  if (parsed.openapi === undefined) {
    throw new PipelineError("spec-invalid", `${origin} has no "openapi" version field; it is not an OpenAPI document`);
  }
  if (typeof parsed.openapi !== "string" || !SUPPORTED_VERSION.test(parsed.openapi)) {
    throw new PipelineError(
      "spec-invalid",
      `${origin} is OpenAPI ${String(parsed.openapi)}; only 3.0.x and 3.1.x are supported`,
    );
  }
  // OpenAPI 3.1 (§4.8.1) asks for at least one of paths, components and webhooks: one without
  // paths (GitHub's webhooks description) is valid, and has no operations.
  if (
    parsed.paths === undefined &&
    parsed.openapi.startsWith("3.1.") &&
    (isRecord(parsed.webhooks) || isRecord(parsed.components))
  )
    parsed.paths = {};
  if (typeof parsed.paths !== "object" || parsed.paths === null || Array.isArray(parsed.paths)) {
    throw new PipelineError(
      "spec-invalid",
      `${origin} has no "paths" object; there is nothing to generate a client from`,
    );
  }
}

/**
 * A `$ref` key where the specification puts no Reference Object (an extension's value,
 * `info`, a field it does not define) is data: nothing follows it. One that points outside
 * the document or at nothing would have been refused as a reference, so it is named.
 */
function dataRefWarnings(document: OpenApiDocument): DocumentWarning[] {
  return unresolvedDataRefs(document).map(({ pointer }) => ({
    message: "`$ref` outside the document where the specification puts no Reference Object: data, not followed",
    pointer: `#${pointer}`,
  }));
}

/**
 * Structural validation against the OpenAPI 3.0/3.1 schema with Redocly's `struct` rule
 * (the engine openapi-typescript bundles). Only structure is judged, not style: upstream's
 * choices are not ours to lint. What endangers nothing comes back as warnings (see
 * `verdictOf` for where the line runs); anything else throws one line naming the first
 * such error and where it is, with a count of the rest.
 */
export async function assertValidStructure(document: OpenApiDocument, origin: string): Promise<DocumentWarning[]> {
  // Loaded on first use: commands that never validate (the check's fast path) skip its start-up cost.
  const { BaseResolver, createConfig, lintDocument, Source } = await sealedRedocly();
  const config = await createConfig({ extends: [], rules: { struct: "error" } });
  const problems = await lintDocument({
    document: { source: new Source(origin, "", "application/json"), parsed: forTools(document) },
    config: config.styleguide,
    externalRefResolver: new BaseResolver(config.resolve),
  }).catch((error: unknown) => {
    throw toolFailure(document, origin, "Redocly's validator", error);
  });
  const warnings = dataRefWarnings(document);
  const errors: typeof problems = [];
  for (const problem of problems) {
    if (problem.severity !== "error") continue;
    const pointer = problem.location[0]?.pointer ?? "#";
    const verdict = verdictOf(document, problem.message, pointer);
    if (verdict === "warning") warnings.push({ message: problem.message, pointer });
    else if (verdict === "refusal") errors.push(problem);
  }
  const first = errors[0];
  if (first === undefined) return warnings;
  const where = first.location[0]?.pointer ?? "#";
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more structural errors)` : "";
  // Redocly's messages quote the document (enum values, names): shown as data.
  throw new PipelineError(
    "spec-invalid",
    `${origin} is not a valid OpenAPI document: ${oneLine(first.message)} at ${oneLine(where)}${more}`,
  );
}

/**
 * A document as two halves that validate, together, as the whole does: its `components`
 * (under an empty `paths`), and everything else. The struct rule judges each node by its
 * place in the document and does not follow a `$ref` into a section that is absent, so
 * each section is checked exactly once. For GitHub's description the components are
 * most of the work, which lets two threads share it (docs/benchmarks.md).
 */
export function splitForValidation(document: OpenApiDocument): { components: OpenApiDocument; rest: OpenApiDocument } {
  const { components, ...rest } = document;
  return {
    components: { openapi: document.openapi, info: document.info, paths: {}, ...(components ? { components } : {}) },
    rest: rest as OpenApiDocument,
  };
}
