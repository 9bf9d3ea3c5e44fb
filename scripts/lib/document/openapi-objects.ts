/**
 * Where the OpenAPI specification (3.0.3 §4.7, 3.1.1 §4.8) puts which object: the few
 * fields of each object that hold other OpenAPI objects, so that a walk knows, at every
 * place, whether a `$ref` there is a Reference Object (or a Schema's `$ref` keyword) or
 * only data. What is not listed holds no object the pipeline follows: examples, defaults,
 * enums, extensions, `info`, `servers`, `tags`, security requirements.
 */
export type ObjectKind =
  | "Document"
  | "Paths"
  | "PathItem"
  | "Operation"
  | "Parameter"
  | "Header"
  | "RequestBody"
  | "MediaType"
  | "Encoding"
  | "Responses"
  | "Response"
  | "Callback"
  | "Example"
  | "Link"
  | "SecurityScheme"
  | "Components"
  | "Schema";

/** How a field holds its objects: one, a list of them, or a map of names to them. */
export interface Child {
  kind: ObjectKind;
  holds: "one" | "list" | "map";
}

const one = (kind: ObjectKind): Child => ({ kind, holds: "one" });
const list = (kind: ObjectKind): Child => ({ kind, holds: "list" });
const map = (kind: ObjectKind): Child => ({ kind, holds: "map" });

const PATH_ITEM_OPERATIONS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

interface ObjectFields {
  /** Fields that hold OpenAPI objects. */
  children: Record<string, Child>;
  /** For objects that are themselves maps (Paths, Responses, Callback): what every key holds. */
  everyKey?: Child;
  /** Whether a Reference Object may stand where this object does (3.0 §4.7.23, 3.1 §4.8.23). */
  referable: boolean;
}

const PARAMETER_LIKE: Record<string, Child> = {
  schema: one("Schema"),
  content: map("MediaType"),
  examples: map("Example"),
};

/**
 * Schema Object keywords whose values are schemas (JSON Schema 2020-12 §10, with draft
 * 2019-09's `additionalItems` and 3.0's subset); `items` may also be a draft-04 list.
 */
const SCHEMA_CHILDREN: Record<string, Child> = {
  allOf: list("Schema"),
  anyOf: list("Schema"),
  oneOf: list("Schema"),
  prefixItems: list("Schema"),
  not: one("Schema"),
  if: one("Schema"),
  // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword; the table is never awaited.
  then: one("Schema"),
  else: one("Schema"),
  items: one("Schema"),
  additionalItems: one("Schema"),
  contains: one("Schema"),
  additionalProperties: one("Schema"),
  propertyNames: one("Schema"),
  unevaluatedItems: one("Schema"),
  unevaluatedProperties: one("Schema"),
  contentSchema: one("Schema"),
  properties: map("Schema"),
  patternProperties: map("Schema"),
  dependentSchemas: map("Schema"),
  $defs: map("Schema"),
};

export const OBJECTS: Record<ObjectKind, ObjectFields> = {
  Document: {
    children: { paths: one("Paths"), webhooks: map("PathItem"), components: one("Components") },
    referable: false,
  },
  Paths: { children: {}, everyKey: one("PathItem"), referable: false },
  PathItem: {
    children: {
      parameters: list("Parameter"),
      ...Object.fromEntries(PATH_ITEM_OPERATIONS.map((method) => [method, one("Operation")])),
    },
    // Not through a Reference Object: a Path Item has a `$ref` field of its own (§4.8.9.1).
    referable: true,
  },
  Operation: {
    children: {
      parameters: list("Parameter"),
      requestBody: one("RequestBody"),
      responses: one("Responses"),
      callbacks: map("Callback"),
    },
    referable: false,
  },
  Parameter: { children: PARAMETER_LIKE, referable: true },
  Header: { children: PARAMETER_LIKE, referable: true },
  RequestBody: { children: { content: map("MediaType") }, referable: true },
  MediaType: {
    children: { schema: one("Schema"), examples: map("Example"), encoding: map("Encoding") },
    referable: false,
  },
  Encoding: { children: { headers: map("Header") }, referable: false },
  Responses: { children: {}, everyKey: one("Response"), referable: false },
  Response: {
    children: { headers: map("Header"), content: map("MediaType"), links: map("Link") },
    referable: true,
  },
  Callback: { children: {}, everyKey: one("PathItem"), referable: true },
  Example: { children: {}, referable: true },
  Link: { children: {}, referable: true },
  SecurityScheme: { children: {}, referable: true },
  Components: {
    children: {
      schemas: map("Schema"),
      responses: map("Response"),
      parameters: map("Parameter"),
      examples: map("Example"),
      requestBodies: map("RequestBody"),
      headers: map("Header"),
      securitySchemes: map("SecurityScheme"),
      links: map("Link"),
      callbacks: map("Callback"),
      pathItems: map("PathItem"),
    },
    referable: false,
  },
  Schema: { children: SCHEMA_CHILDREN, referable: true },
};

/** What a field of an object of `kind` holds, if it holds OpenAPI objects. */
export function childOf(kind: ObjectKind, key: string): Child | undefined {
  const fields = OBJECTS[kind];
  if (Object.hasOwn(fields.children, key)) return fields.children[key];
  // Extensions are data even where every other key is a name (`x-…` in Paths, Responses).
  return key.startsWith("x-") ? undefined : fields.everyKey;
}
