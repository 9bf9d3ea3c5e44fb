import { COMPONENT_SCHEMAS } from "../../../src/json-pointer.js";
import { isRecord, isSuccessStatus, type OpenApiDocument, operationsOf, resolveLocalRef } from "../document/model.js";

function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  return essence === "application/json" || essence.endsWith("+json");
}

/** Names of the component schemas a schema refers to, directly or through each other. */
function collectComponentRefs(document: OpenApiDocument, root: unknown, names: Set<string>): void {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      pending.push(...value);
    } else if (isRecord(value)) {
      const ref = value.$ref;
      if (typeof ref === "string" && ref.startsWith(COMPONENT_SCHEMAS)) {
        const name = ref.slice(COMPONENT_SCHEMAS.length);
        const schemas = document.components?.schemas;
        if (!names.has(name) && schemas && Object.hasOwn(schemas, name)) {
          names.add(name);
          pending.push(schemas[name]);
        }
      }
      pending.push(...Object.values(value));
    }
  }
}

/**
 * Data from the document as a TypeScript object literal: JSON (so every string is an
 * escaped literal) with two adjustments. A key `"__proto__"` in an object literal would set
 * the object's prototype instead of making a property, so it is written as a computed key
 * (`["__proto__"]`), which makes an own property like `JSON.parse` does. U+2028/U+2029,
 * which JSON leaves raw, are escaped so that no line of the file is split in an editor or
 * an older parser. JSON.stringify puts every key at the start of its own line, so the
 * pattern cannot match inside a string value.
 */
function dataLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/^(\s*)"__proto__":/gm, '$1["__proto__"]:')
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

/**
 * A module of JSON Schemas for runtime response validation: for each operation, the schema
 * of each successful (2xx) JSON response, plus the component schemas they reference.
 * Derived from the same repaired document as the types, so the two can never disagree.
 */
export function generateSchemas(document: OpenApiDocument): string {
  const responseSchemas: Record<string, Record<string, unknown>> = {};
  const referenced = new Set<string>();
  for (const { path, method, operation } of operationsOf(document)) {
    const responses = operation.responses;
    if (!isRecord(responses)) continue;
    const byStatus: Record<string, unknown> = {};
    for (const [status, entry] of Object.entries(responses)) {
      if (!isSuccessStatus(status)) continue;
      const response = resolveLocalRef(document, entry);
      if (!isRecord(response) || !isRecord(response.content)) continue;
      const json = Object.entries(response.content).find(([mediaType]) => isJsonMediaType(mediaType));
      const schema = json && isRecord(json[1]) ? json[1].schema : undefined;
      if (schema === undefined) continue;
      byStatus[status] = schema;
      collectComponentRefs(document, schema, referenced);
    }
    if (Object.keys(byStatus).length > 0) responseSchemas[`${method.toUpperCase()} ${path}`] = byStatus;
  }
  const allSchemas = document.components?.schemas ?? {};
  const componentSchemas = Object.fromEntries(Object.entries(allSchemas).filter(([name]) => referenced.has(name)));
  return [
    "/** JSON Schema of each operation's successful JSON responses, by `METHOD /path`, then status. */",
    `export const responseSchemas: Record<string, Record<string, unknown>> = ${dataLiteral(responseSchemas)};`,
    "",
    "/** The component schemas that `responseSchemas` refers to as `#/components/schemas/<name>`. */",
    `export const componentSchemas: Record<string, unknown> = ${dataLiteral(componentSchemas)};`,
    "",
  ].join("\n");
}
