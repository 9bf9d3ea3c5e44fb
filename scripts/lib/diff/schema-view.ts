import { isRecord } from "../document/model.js";
import { type BranchValues, branchValues, isNullSchema } from "./branch-values.js";
import type { Resolver } from "./resolve.js";
import type { WorkCounter } from "./work.js";

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
  /**
   * The `allOf` member each inherited keyword of `keywords` is written in, and under `#enum`
   * and `#type` where its enum values and its types are (read through `originOf`): a
   * keyword inherited by many schemas is one keyword, so its change is one change.
   */
  origins: Map<string, object>;
  /** The `anyOf`/`oneOf` branches are bare types, taken as a list of types. */
  typeList: boolean;
}

/** A branch that says only which type: `{ type: "string" }`. */
function isTypeOnly(schema: unknown): boolean {
  return isRecord(schema) && typeof schema.type === "string" && Object.keys(schema).every((key) => key === "type");
}

/** Keywords a view does not take over from its parts: they describe the part, compared where it is. */
const COMPOSITION = new Set(["allOf", "anyOf", "oneOf", "$ref", "type", "nullable", "properties", "required"]);

export { isNullSchema };

/** The `anyOf` (or else `oneOf`) of a schema, judged by the values its branches take (`branch-values.ts`). */
export function branchesOf(source: Record<string, unknown>, resolve: Resolver): BranchValues {
  return branchValues(Array.isArray(source.anyOf) ? source.anyOf : source.oneOf, resolve);
}

/** Views of the schemas of one document, each built once. */
export interface SchemaViewer {
  view(raw: unknown): SchemaView;
}

const EMPTY: Record<string, unknown> = {};

/**
 * The schema object a keyword of a view is written in: the view's own, or (through `origins`)
 * an `allOf` member's; undefined when the view has no such keyword. `#enum` and `#type` say
 * where its enum values and its types are.
 */
export function originOf(view: SchemaView, keyword: string): object | undefined {
  return view.origins.get(keyword) ?? (Object.hasOwn(view.source, keyword) ? view.source : undefined);
}

/** Keys of `origins` for where a view's enum values and its types are written. */
export const ENUM_ORIGIN = "#enum";
export const TYPE_ORIGIN = "#type";

function emptyView(): SchemaView {
  return {
    source: EMPTY,
    types: [],
    nullable: false,
    properties: new Map(),
    required: new Set(),
    enumValues: undefined,
    items: undefined,
    alternatives: [],
    keywords: EMPTY,
    origins: new Map(),
    typeList: false,
  };
}

/**
 * Views of one document's schemas, memoised per schema object: an `allOf` member shared
 * by many schemas is viewed once and merged from its view (a fan-out of `allOf`s four
 * wide and fourteen deep is 57 views, not 4^14 merges). Built without recursion: the parts
 * of a schema are viewed first, from an explicit stack, so any depth of references is
 * safe; a part that leads back to a schema being viewed (a cycle of `allOf`s) is left out
 * of that merge.
 */
export function createSchemaViewer(resolve: Resolver, work: WorkCounter): SchemaViewer {
  const views = new Map<object, SchemaView>();
  const expanded = new Set<object>();
  const partsOf = new Map<object, Record<string, unknown>[]>();
  const empty = emptyView();

  function parts(source: Record<string, unknown>): Record<string, unknown>[] {
    let found = partsOf.get(source);
    if (found === undefined) {
      const judged = branchesOf(source, resolve);
      const nonNull = judged.values === undefined ? judged.branches.map(resolve) : [];
      // `anyOf: [X, null]` is "X or null": compare it as X, nullable.
      const all = [
        ...(Array.isArray(source.allOf) ? source.allOf.map(resolve) : []),
        ...(nonNull.length === 1 ? nonNull : []),
      ];
      found = all.filter(isRecord);
      work.take(1 + all.length);
      partsOf.set(source, found);
    }
    return found;
  }

  function build(source: Record<string, unknown>): SchemaView {
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
      origins: new Map(),
      typeList: false,
    };
    const types = new Set<string>(
      typeof source.type === "string" ? [source.type] : Array.isArray(source.type) ? source.type.map(String) : [],
    );
    if (types.delete("null")) view.nullable = true;
    const judged = branchesOf(source, resolve);
    if (judged.nullable) view.nullable = true;
    const nonNull = judged.values === undefined ? judged.branches.map(resolve) : [];
    // Branches that are each one value are an enum (unless the schema has one of its own, which wins).
    if (judged.values !== undefined) for (const type of judged.valueTypes ?? []) types.add(type);
    // `oneOf: [{type: string}, {type: integer}]` is a list of types (as `type: [string, integer]`), not a composition.
    const typeOnly = nonNull.length > 1 && nonNull.every(isTypeOnly);
    if (typeOnly) for (const branch of nonNull) types.add((branch as { type: string }).type);
    else if (nonNull.length > 1) view.alternatives = nonNull;
    view.typeList = typeOnly;
    if (isRecord(source.properties))
      for (const [name, schema] of Object.entries(source.properties)) view.properties.set(name, schema);
    for (const name of Array.isArray(source.required) ? source.required : []) view.required.add(String(name));
    if (Array.isArray(source.enum)) view.enumValues = new Set(source.enum.map((value) => JSON.stringify(value)));
    else if (judged.values !== undefined) view.enumValues = judged.values;
    // Where the enum and the types are written (`#enum`, `#type`): a schema wrapped to be nullable
    // (`oneOf: [null, X]`) in many places still has X's enum, and X's change is one change.
    if (view.enumValues !== undefined) view.origins.set(ENUM_ORIGIN, source);
    if (types.size > 0) view.origins.set(TYPE_ORIGIN, source);
    work.take(1 + view.properties.size);

    const merged = parts(source);
    if (merged.length > 0) view.keywords = { ...source };
    const single = nonNull.length === 1 ? nonNull[0] : undefined;
    for (const part of merged) {
      const partView = views.get(part);
      if (partView === undefined) continue; // a part being viewed: a cycle of allOfs
      work.take(1 + partView.properties.size + partView.origins.size + Object.keys(partView.keywords).length);
      for (const type of partView.types) types.add(type);
      const typeOrigin = partView.origins.get(TYPE_ORIGIN) ?? part;
      if (partView.types.length > 0 && view.origins.get(TYPE_ORIGIN) !== typeOrigin)
        view.origins.set(TYPE_ORIGIN, view.origins.has(TYPE_ORIGIN) ? source : typeOrigin);
      if (part === single && partView.nullable) view.nullable = true;
      for (const [name, schema] of partView.properties)
        if (!view.properties.has(name)) view.properties.set(name, schema);
      for (const name of partView.required) view.required.add(name);
      if (partView.enumValues && !view.enumValues) {
        view.enumValues = partView.enumValues;
        view.origins.set(ENUM_ORIGIN, partView.origins.get(ENUM_ORIGIN) ?? part);
      }
      if (view.items === undefined) view.items = partView.items;
      if (view.alternatives.length === 0) view.alternatives = partView.alternatives;
      for (const [keyword, value] of Object.entries(partView.keywords)) {
        if (Object.hasOwn(view.keywords, keyword) || COMPOSITION.has(keyword)) continue;
        view.keywords[keyword] = value;
        view.origins.set(keyword, originOf(partView, keyword) ?? part);
      }
    }
    view.types = [...types].sort();
    return view;
  }

  return {
    view(raw) {
      const source = resolve(raw);
      if (!isRecord(source)) return empty;
      const known = views.get(source);
      if (known !== undefined) return known;
      const stack: Record<string, unknown>[] = [source];
      while (stack.length > 0) {
        const top = stack[stack.length - 1] as Record<string, unknown>;
        if (views.has(top)) {
          stack.pop();
          continue;
        }
        if (!expanded.has(top)) {
          expanded.add(top);
          for (const part of parts(top)) if (!views.has(part) && !expanded.has(part)) stack.push(part);
          continue;
        }
        views.set(top, build(top));
        stack.pop();
      }
      return views.get(source) as SchemaView;
    },
  };
}
