import openapiTS, { astToString } from "openapi-typescript";
import { forTools } from "../document/for-tools.js";
import type { OpenApiDocument } from "../document/model.js";
import { sealedRedocly } from "../document/sealed-redocly.js";
import { toolFailure } from "../document/tool-failure.js";
import { GENERATOR_OPTIONS } from "./options.js";

/**
 * TypeScript types for a (repaired) document through openapi-typescript's Node API:
 * `paths`, `operations`, `components`. The same document always gives the same text.
 *
 * openapi-typescript may annotate the object it is given (its bundler resolves in
 * place), so callers hand over a document they no longer need rather than a copy, which
 * would cost time and its size again in memory (docs/benchmarks.md). A failure of the
 * generator is one line naming `origin`.
 */
export async function generateTypes(document: OpenApiDocument, origin = "the document"): Promise<string> {
  await sealedRedocly();
  const nodes = await openapiTS(
    forTools(document) as unknown as Parameters<typeof openapiTS>[0],
    GENERATOR_OPTIONS,
  ).catch((error: unknown) => {
    throw toolFailure(document, origin, "openapi-typescript", error);
  });
  return astToString(nodes);
}
