import { isRecord } from "../document/model.js";

/** Keywords that say something about a schema without constraining its values. */
export const ANNOTATIONS = new Set([
  "title",
  "description",
  "example",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "$comment",
  "xml",
]);

/** A schema of annotations only: it constrains nothing. */
export function annotationOnly(schema: unknown): boolean {
  return isRecord(schema) && Object.keys(schema).every((key) => ANNOTATIONS.has(key) || key.startsWith("x-"));
}
