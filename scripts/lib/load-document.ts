import type { OpenApiDocument } from "./openapi-document.js";
import { parseDocumentText } from "./parse-document.js";
import { validateDocument } from "./validate-document.js";

/** Parses and validates a document's text: the gate every spec passes before it is used. */
export async function loadDocument(text: string, origin: string): Promise<OpenApiDocument> {
  return validateDocument(parseDocumentText(text, origin), origin);
}
