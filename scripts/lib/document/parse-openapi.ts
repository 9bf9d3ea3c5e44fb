import type { OpenApiDocument } from "./model.js";
import { parseDocumentText } from "./parse-text.js";
import { assertSelfContained } from "./self-contained.js";
import { assertOpenApi3, assertValidStructure } from "./validate.js";
import type { DocumentWarning } from "./warnings.js";

/**
 * A document's text parsed and checked to be OpenAPI 3.0/3.1 with paths and safe to hand
 * to the tools downstream (no external references; see `assertSelfContained`). Its
 * structure is not yet validated. Every command reads documents through this.
 */
export function parseOpenApiDocument(text: string, origin: string): OpenApiDocument {
  const parsed = parseDocumentText(text, origin);
  assertOpenApi3(parsed, origin);
  assertSelfContained(parsed, origin);
  return parsed;
}

/** A document that passed the gate, with what it does that endangers nothing but is not as specified. */
export interface ValidatedDocument {
  document: OpenApiDocument;
  warnings: DocumentWarning[];
}

/** Parses and validates a document's text: the gate every spec passes before it is vendored. */
export async function parseAndValidateDocument(text: string, origin: string): Promise<ValidatedDocument> {
  const document = parseOpenApiDocument(text, origin);
  const warnings = await assertValidStructure(document, origin);
  return { document, warnings };
}
