import { isRecord, resolveLocalRef } from "../document/model.js";

/**
 * A schema as the differ compares it: references followed, `allOf` merged, and
 * nullability pulled out of its three spellings (3.0 `nullable: true`, 3.1
 * `type: [T, "null"]`, and `anyOf`/`oneOf` with a `{type: "null"}` branch).
 */
export interface SchemaView {
  /** The schema object this view was built from, after references; identity for memoising. */
  source: Record<string, unknown>;
  /** Types other than null, sorted; empty when the schema does not say. */
  types: string[];
  nullable: boolean;
  properties: Map<string, unknown>;
  required: Set<string>;
  /** Enum values as canonical JSON, or undefined when there is no enum. */
  enumValues: Set<string> | undefined;
  items: unknown;
  /** `anyOf`/`oneOf` branches other than the null one, when more than one remains. */
  alternatives: unknown[];
  /**
   * The schema's own keywords with those of its `allOf` members and of its one non-null
   * branch filled in (the schema's own win): what the keyword comparisons read.
   */
  keywords: Record<string, unknown>;
  /** The `anyOf`/`oneOf` branches are bare types, taken as a list of types. */
  typeList: boolean;
}

/** A branch that says only which type: `{ type: "string" }`. */
function isTypeOnly(schema: unknown): boolean {
  return isRecord(schema) && typeof schema.type === "string" && Object.keys(schema).every((key) => key === "type");
}

const EMPTY: Record<string, unknown> = {};

/** Keywords a view does not take over from its parts: they describe the part, compared where it is. */
const COMPOSITION = new Set(["allOf", "anyOf", "oneOf", "$ref", "type", "nullable", "properties", "required"]);

/** `{ type: "null" }` (or `["null"]`): the branch of an `anyOf`/`oneOf` that makes it nullable. */
export function isNullSchema(schema: unknown): boolean {
  return (
    isRecord(schema) &&
    (schema.type === "null" || (Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === "null"))
  );
}

/** Builds the view of a schema within `document`. */
export function viewSchema(document: unknown, raw: unknown, depth = 0): SchemaView {
  const resolved = resolveLocalRef(document, raw);
  const source = isRecord(resolved) ? resolved : EMPTY;
  const view: SchemaView = {
    source,
    types: [],
    nullable: source.nullable === true,
    properties: new Map(),
    required: new Set(),
    enumValues: undefined,
    items: source.items,
    alternatives: [],
    keywords: source,
    typeList: false,
  };
  const types = new Set<string>(
    typeof source.type === "string" ? [source.type] : Array.isArray(source.type) ? source.type : [],
  );
  if (types.delete("null")) view.nullable = true;

  const branches = (
    Array.isArray(source.anyOf) ? source.anyOf : Array.isArray(source.oneOf) ? source.oneOf : []
  ) as unknown[];
  const resolvedBranches = branches.map((branch) => resolveLocalRef(document, branch));
  if (resolvedBranches.some(isNullSchema)) view.nullable = true;
  const nonNull = resolvedBranches.filter((branch) => !isNullSchema(branch));
  // `anyOf: [X, null]` is "X or null": compare it as X, nullable.
  const parts = [...(Array.isArray(source.allOf) ? source.allOf : []), ...(nonNull.length === 1 ? nonNull : [])];
  // `oneOf: [{type: string}, {type: integer}]` is a list of types (as `type: [string, integer]`), not a composition.
  const typeOnly = nonNull.length > 1 && nonNull.every(isTypeOnly);
  if (typeOnly) for (const branch of nonNull) types.add((branch as { type: string }).type);
  else if (nonNull.length > 1) view.alternatives = nonNull;
  view.typeList = typeOnly;

  for (const [name, schema] of Object.entries(isRecord(source.properties) ? source.properties : {})) {
    view.properties.set(name, schema);
  }
  for (const name of Array.isArray(source.required) ? source.required : []) view.required.add(String(name));
  if (Array.isArray(source.enum)) view.enumValues = new Set(source.enum.map((value) => JSON.stringify(value)));

  // Merge the parts (allOf members, or the one non-null branch) into this view. Depth-bounded
  // because a document can make allOf cycle through references.
  if (depth < 16) {
    if (parts.length > 0) view.keywords = { ...source };
    for (const part of parts) {
      const merged = viewSchema(document, part, depth + 1);
      for (const type of merged.types) types.add(type);
      if (nonNull.length === 1 && part === nonNull[0] && merged.nullable) view.nullable = true;
      for (const [name, schema] of merged.properties) if (!view.properties.has(name)) view.properties.set(name, schema);
      for (const name of merged.required) view.required.add(name);
      if (merged.enumValues && !view.enumValues) view.enumValues = merged.enumValues;
      if (view.items === undefined) view.items = merged.items;
      if (view.alternatives.length === 0) view.alternatives = merged.alternatives;
      for (const [keyword, value] of Object.entries(merged.keywords)) {
        if (!(keyword in view.keywords) && !COMPOSITION.has(keyword)) view.keywords[keyword] = value;
      }
    }
  }
  view.types = [...types].sort();
  return view;
}
