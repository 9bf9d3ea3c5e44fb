/**
 * Maps whose keys are names chosen by the document (a property may be called `example`),
 * so their keys are never taken for the `example`/`examples` keyword.
 */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "dependentSchemas",
  "$defs",
  "definitions",
  "paths",
  "webhooks",
  "responses",
  "content",
  "headers",
  "encoding",
  "links",
  "callbacks",
  "mapping",
  "variables",
  "securitySchemes",
  "schemas",
  "parameters",
  "requestBodies",
  "pathItems",
]);

/**
 * A copy of an OpenAPI document without its `example` and `examples` keywords (and
 * `components/examples`). Examples are documentation: upstream may publish one that does
 * not match its schema without changing the API, and a mock server that answers with
 * them would then fail a test that the API itself passes.
 */
export function withoutExamples(value: unknown, parentKey = ""): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutExamples(item));
  if (value === null || typeof value !== "object") return value;
  const names = NAME_MAPS.has(parentKey);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!names && (key === "example" || key === "examples")) continue;
    Object.defineProperty(copy, key, {
      value: withoutExamples(item, names ? "" : key),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
