import openapiTS, { astToString } from "openapi-typescript";
import { GENERATOR_OPTIONS } from "./generator-options.js";
import type { OpenApiDocument } from "./openapi-document.js";

/**
 * TypeScript types for a (repaired) document through openapi-typescript's Node API:
 * `paths`, `operations`, `components`. The same document always gives the same text.
 */
export async function generateTypes(document: OpenApiDocument): Promise<string> {
  // openapi-typescript may annotate the object it is given; hand it a copy of ours.
  const nodes = await openapiTS(
    structuredClone(document) as unknown as Parameters<typeof openapiTS>[0],
    GENERATOR_OPTIONS,
  );
  return astToString(nodes);
}
