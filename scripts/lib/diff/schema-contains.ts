import { isRecord } from "../document/model.js";
import { ANNOTATIONS } from "./annotations.js";
import { canonicalJson } from "./canonical-json.js";
import type { SchemaView, SchemaViewer } from "./schema-view.js";
import type { WorkCounter } from "./work.js";

/**
 * Whether one schema takes every value another takes, as a client sees values: an object
 * carries the properties its schema declares (a generated type has no field for any
 * other), so a constraint on a property the narrower schema does not declare is never met.
 * Conservative: anything it cannot tell is "no". Used to judge branches of a `oneOf` or
 * `anyOf` by their values: a branch removed whose values another branch still takes was
 * folded into it, and a branch added whose values were taken already adds nothing.
 */
export interface Coverage {
  /** Every value `narrow` (of the `narrowSide` document) takes, `wide` (of the other) takes too. */
  covers(wide: SchemaView, narrow: SchemaView): boolean;
}

const LOWER = ["minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum", "minContains"];
const UPPER = ["maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum", "maxContains"];

/** Keywords `covers` reads itself; any other keyword that constrains must be the same on both sides. */
const STRUCTURAL = new Set([
  ...LOWER,
  ...UPPER,
  "type",
  "nullable",
  "enum",
  "properties",
  "required",
  "items",
  "additionalProperties",
  "allOf",
  "anyOf",
  "oneOf",
  "$ref",
  "format",
  "pattern",
  "default",
  "discriminator",
  "$schema",
  "$id",
  "$anchor",
]);

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** `wide` takes every value `narrow` does, for the bounds and the keywords compared by value. */
function keywordsCover(wide: Record<string, unknown>, narrow: Record<string, unknown>): boolean {
  for (const keyword of LOWER) {
    const [bound, mine] = [wide[keyword], narrow[keyword]];
    if (finite(bound) && bound > 0 && !(finite(mine) && mine >= bound)) return false;
  }
  for (const keyword of UPPER) {
    const [bound, mine] = [wide[keyword], narrow[keyword]];
    if (finite(bound) && !(finite(mine) && mine <= bound)) return false;
  }
  if (wide.format !== undefined && wide.format !== narrow.format) return false;
  if (typeof wide.pattern === "string" && wide.pattern !== "" && wide.pattern !== narrow.pattern) return false;
  for (const keyword of Object.keys(wide)) {
    if (STRUCTURAL.has(keyword) || ANNOTATIONS.has(keyword) || keyword.startsWith("x-")) continue;
    if (canonicalJson(wide[keyword]) !== canonicalJson(narrow[keyword])) return false;
  }
  return true;
}

/** The JSON type of an enum value (as canonical JSON), for a schema that lists values and no type. */
function valueType(json: string): string {
  const value: unknown = JSON.parse(json);
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

const typeWithin = (type: string, types: readonly string[]) =>
  types.includes(type) || (type === "integer" && types.includes("number"));

/** How deep a comparison follows properties and items before it answers "no". */
const MAX_DEPTH = 32;

export function createCoverage(wideViews: SchemaViewer, narrowViews: SchemaViewer, work: WorkCounter): Coverage {
  const known = new Map<object, Map<object, boolean>>();

  function covers(wide: SchemaView, narrow: SchemaView, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const byNarrow = known.get(wide.source);
    const found = byNarrow?.get(narrow.source);
    if (found !== undefined) return found;
    const memo = byNarrow ?? new Map<object, boolean>();
    known.set(wide.source, memo);
    memo.set(narrow.source, true); // a recursive schema is taken to cover itself where it repeats
    work.take();
    const answer = decide(wide, narrow, depth);
    memo.set(narrow.source, answer);
    return answer;
  }

  function decide(wide: SchemaView, narrow: SchemaView, depth: number): boolean {
    // A union is covered branch by branch (each branch alone takes at least what it takes under the union).
    if (narrow.alternatives.length > 0)
      return narrow.alternatives.every((branch) => covers(wide, narrowViews.view(branch), depth + 1));
    if (wide.alternatives.length > 0 && !wide.alternatives.some((b) => covers(wideViews.view(b), narrow, depth + 1)))
      return false;
    if (narrow.nullable && !wide.nullable && (wide.types.length > 0 || wide.enumValues !== undefined)) return false;
    if (wide.types.length > 0) {
      const types = narrow.types.length > 0 ? narrow.types : [...(narrow.enumValues ?? [])].map(valueType);
      if (types.length === 0 || !types.every((type) => typeWithin(type, wide.types))) return false;
    }
    if (wide.enumValues !== undefined) {
      if (narrow.enumValues === undefined) return false;
      for (const value of narrow.enumValues) if (!wide.enumValues.has(value)) return false;
    }
    if (!keywordsCover(wide.keywords, narrow.keywords)) return false;
    if (wide.items !== undefined) {
      const items = narrow.items === undefined ? undefined : narrowViews.view(narrow.items);
      if (items === undefined || !covers(wideViews.view(wide.items), items, depth + 1)) return false;
    }
    for (const name of wide.required) if (!narrow.required.has(name)) return false;
    work.take(wide.properties.size + narrow.properties.size);
    for (const [name, schema] of wide.properties) {
      const mine = narrow.properties.get(name);
      if (mine !== undefined && !covers(wideViews.view(schema), narrowViews.view(mine), depth + 1)) return false;
    }
    const extra = wide.keywords.additionalProperties;
    if (extra === false || isRecord(extra)) {
      for (const [name, schema] of narrow.properties) {
        if (wide.properties.has(name)) continue;
        if (extra === false || !covers(wideViews.view(extra), narrowViews.view(schema), depth + 1)) return false;
      }
    }
    // A map (values under a schema, any key) sends keys no one declared: the wide side must take them.
    const theirs = narrow.keywords.additionalProperties;
    if (
      isRecord(theirs) &&
      (extra === false || (isRecord(extra) && !covers(wideViews.view(extra), narrowViews.view(theirs), depth + 1)))
    )
      return false;
    return true;
  }

  return { covers: (wide, narrow) => covers(wide, narrow, 0) };
}
