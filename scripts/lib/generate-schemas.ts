import { isRecord, type OpenApiDocument, operationsOf, resolveLocalRef } from "./openapi-document.js";

const COMPONENT_SCHEMA_REF = "#/components/schemas/";

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
      if (typeof ref === "string" && ref.startsWith(COMPONENT_SCHEMA_REF)) {
        const name = ref.slice(COMPONENT_SCHEMA_REF.length);
        if (!names.has(name)) {
          names.add(name);
          pending.push(document.components?.schemas?.[name]);
        }
      }
      pending.push(...Object.values(value));
    }
  }
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
      if (!/^2(\d\d|XX)$/.test(status)) continue;
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
    `export const responseSchemas: Record<string, Record<string, unknown>> = ${JSON.stringify(responseSchemas, null, 2)};`,
    "",
    "/** The component schemas that `responseSchemas` refers to as `#/components/schemas/<name>`. */",
    `export const componentSchemas: Record<string, unknown> = ${JSON.stringify(componentSchemas, null, 2)};`,
    "",
  ].join("\n");
}
