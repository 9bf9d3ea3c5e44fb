import { pointerToken } from "../../../src/json-pointer.js";
import { code, displayText } from "../../../src/untrusted-text.js";
import { isRecord, resolveLocalRef as resolve } from "../document/model.js";
import { branchName, matchBranches } from "./branches.js";
import { canonicalJson } from "./canonical-json.js";
import { keywordFindings } from "./compare-keywords.js";
import { sunsetState } from "./compare-lifecycle.js";
import { type PropertyFacts, propertyDeprecationRule, propertyFlagRules, propertyRule } from "./property-rules.js";
import { type FlowDirection, ruleForFinding, type Subject } from "./schema-rules.js";
import { isNullSchema, type SchemaView, viewSchema } from "./schema-view.js";

/**
 * Which way data flows through a schema decides what breaks a client (oasdiff's "direction"):
 * a request body, a parameter (sent), a response body or a response header (received).
 */
export type Direction = "request" | "response" | "parameter" | "header";

/** A change found inside a schema, relative to the schema's root. */
export interface SchemaChange {
  id: string;
  /** JSON pointer relative to the schema root, e.g. `/properties/items/items`. */
  pointer: string;
  /** Property path for messages, e.g. `items[].name`; empty for the root. */
  property: string;
  detail: string;
}

/**
 * What a comparison finds before it knows where the schema is: either a finding of
 * `SCHEMA_RULES` (its id depends on the place) or a property rule whose id does not.
 */
interface Found {
  finding?: string;
  rule?: string;
  pointer: string;
  property: string;
  detail: string;
  types?: { from: readonly string[]; to: readonly string[] };
}

type Memo = WeakMap<object, WeakMap<object, Map<Direction, Found[]>>>;

export interface SchemaComparer {
  /**
   * `formExploded`: the schemas are a query parameter's in form style, exploded (the
   * default), where one value on the wire is also a valid array of one. `looselyTyped`:
   * the schemas are a body's in a media type that is not JSON.
   */
  compare(
    base: unknown,
    revision: unknown,
    direction: Direction,
    options?: { formExploded?: boolean; looselyTyped?: boolean },
  ): SchemaChange[];
}

/**
 * Where a found change is: a body's, a parameter's or a header's root, or a property inside
 * one (a header has rules for its root only), and the way its data flows.
 */
const PLACES: Record<Direction, { root: Subject; inside?: Subject; flow: FlowDirection }> = {
  request: { root: "body", inside: "property", flow: "request" },
  response: { root: "body", inside: "property", flow: "response" },
  parameter: { root: "parameter", inside: "parameter-property", flow: "request" },
  header: { root: "header", flow: "response" },
};

/** Keywords that say something about a schema without constraining its values. */
const ANNOTATIONS = new Set([
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

function annotationOnly(schema: unknown): boolean {
  return isRecord(schema) && Object.keys(schema).every((key) => ANNOTATIONS.has(key) || key.startsWith("x-"));
}

function describeTypes(view: SchemaView): string {
  const types = view.types.length > 0 ? view.types.map(displayText).join("|") : "any";
  return view.nullable ? `${types}|null` : types;
}

/** `items` + `[].name` → `items[].name`; `a` + `b` → `a.b`. */
function joinProperty(prefix: string, rest: string): string {
  if (rest === "") return prefix;
  if (prefix === "") return rest;
  return rest.startsWith("[]") ? `${prefix}${rest}` : `${prefix}.${rest}`;
}

/** `small` ⊆ `large`, an `integer` counting as contained in a `number`. */
function typesWithin(small: readonly string[], large: readonly string[]): boolean {
  return small.every((type) => large.includes(type) || (type === "integer" && large.includes("number")));
}

/** Types a parameter's string on the wire can be read as: narrower than `string`. */
const WIRE_NARROWER = new Set(["number", "integer", "boolean"]);

/**
 * How two lists of types differ: one of the type findings of `SCHEMA_RULES`. In a
 * parameter, whose value is text on the wire, a number or boolean is a narrower string
 * (the other way round oasdiff still calls a type change, and so do we).
 */
function typeFinding(base: readonly string[], revision: readonly string[], onTheWire: boolean): string {
  if (base.length === 1 && revision.length === 1) {
    const [from, to] = [base[0] as string, revision[0] as string];
    if (typesWithin([from], [to])) return "type-generalized";
    if (typesWithin([to], [from])) return "type-specialized";
    if (onTheWire && from === "string" && WIRE_NARROWER.has(to)) return "type-specialized";
    return "type-changed";
  }
  if (typesWithin(base, revision)) return "list-of-types-widened";
  if (typesWithin(revision, base)) return "list-of-types-narrowed";
  return "type-changed";
}

/**
 * oasdiff's "loosely typed" exception: in a media type that is not JSON (XML, form data),
 * an object read as text loses nothing. A request value that was an object and is now a
 * string, or a response one that was a string and is now an object, is compatible.
 */
function objectReadAsString(types: { from: readonly string[]; to: readonly string[] }, flow: FlowDirection): boolean {
  const [wide, narrow] = flow === "response" ? [types.to, types.from] : [types.from, types.to];
  return wide.join() === "object" && narrow.join() === "string";
}

/**
 * In a form-style, exploded query parameter, `?id=abc` is both a string and an array of one
 * string: a parameter that becomes an array whose items take every value it took before
 * (on the wire, where a string takes anything and a number takes an integer) widens it
 * (oasdiff: a generalisation).
 */
function becameArrayOf(base: SchemaView, revision: SchemaView, items: SchemaView): boolean {
  if (base.types.includes("array") || revision.types.join() !== "array" || !isRecord(revision.items)) return false;
  // Items with a constraint of their own (a pattern, an enum, a bound) do not take every old value.
  if (!Object.keys(items.keywords).every((key) => key === "type" || ANNOTATIONS.has(key))) return false;
  const itemTypes = items.types;
  const takes = (type: string) =>
    itemTypes.includes("string") || itemTypes.includes(type) || (type === "integer" && itemTypes.includes("number"));
  return base.types.length > 0 && base.types.every(takes);
}

/** Keywords holding one schema that applies to (part of) the value: compared inside, like properties. */
const SUBSCHEMAS = [
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contentSchema",
  "additionalProperties",
] as const;

/**
 * A schema that became a `oneOf` (oasdiff's "wrapped in oneOf"): it had no `oneOf`, and now
 * has two or more branches where either its properties moved into the branches or it is
 * one of them as it was.
 */
function wrappedInOneOf(base: SchemaView, revision: SchemaView): boolean {
  if (Array.isArray(base.source.oneOf) || !Array.isArray(revision.source.oneOf)) return false;
  if (revision.alternatives.length < 2) return false;
  if (base.properties.size > 0 && !isRecord(revision.source.properties)) return true;
  const self = canonicalJson(base.source);
  return revision.alternatives.some((branch) => canonicalJson(branch) === self);
}

/**
 * Compares schemas of two documents, depth first through properties, items and
 * alternatives. Results are memoised per pair of schema objects, so a component used by
 * a thousand operations is compared once, and a recursive schema ends where it repeats.
 */
export function createSchemaComparer(baseDocument: unknown, revisionDocument: unknown): SchemaComparer {
  const memo: Memo = new WeakMap();
  const inProgress = new Set<string>();
  const ids = new WeakMap<object, number>();
  let nextId = 0;
  const idOf = (value: object) => {
    let id = ids.get(value);
    if (id === undefined) {
      id = nextId++;
      ids.set(value, id);
    }
    return id;
  };

  /** Views of each raw schema object, built once: the same property is viewed by several comparisons. */
  const views = new WeakMap<object, WeakMap<object, SchemaView>>();
  function view(document: unknown, raw: unknown): SchemaView {
    if (typeof raw !== "object" || raw === null || typeof document !== "object" || document === null)
      return viewSchema(document, raw);
    let byRaw = views.get(document);
    if (byRaw === undefined) {
      byRaw = new WeakMap();
      views.set(document, byRaw);
    }
    let found = byRaw.get(raw);
    if (found === undefined) {
      found = viewSchema(document, raw);
      byRaw.set(raw, found);
    }
    return found;
  }

  function compareViews(base: SchemaView, revision: SchemaView, direction: Direction): Found[] {
    const byRevision = memo.get(base.source)?.get(revision.source);
    const cached = byRevision?.get(direction);
    if (cached) return cached;
    const key = `${idOf(base.source)}:${idOf(revision.source)}:${direction}`;
    if (inProgress.has(key)) return [];
    inProgress.add(key);
    const changes = computeChanges(base, revision, direction);
    inProgress.delete(key);
    const forBase = memo.get(base.source) ?? new WeakMap<object, Map<Direction, Found[]>>();
    const forPair = forBase.get(revision.source) ?? new Map<Direction, Found[]>();
    forPair.set(direction, changes);
    forBase.set(revision.source, forPair);
    memo.set(base.source, forBase);
    return changes;
  }

  function nested(changes: Found[], pointer: string, property: string): Found[] {
    return changes.map((found) => ({
      ...found,
      pointer: `${pointer}${found.pointer}`,
      property: joinProperty(property, found.property),
    }));
  }

  function computeChanges(base: SchemaView, revision: SchemaView, direction: Direction): Found[] {
    const changes: Found[] = [];
    const add = (finding: string, detail: string) => changes.push({ finding, pointer: "", property: "", detail });
    if (!base.enumValues && revision.enumValues) add("became-enum", "became an enum");
    const typesKnown = base.types.length > 0 && revision.types.length > 0;
    if (typesKnown && base.types.join() !== revision.types.join()) {
      changes.push({
        finding: typeFinding(base.types, revision.types, direction === "parameter"),
        pointer: "",
        property: "",
        detail: `type changed from ${describeTypes(base)} to ${describeTypes(revision)}`,
        types: { from: base.types, to: revision.types },
      });
      return changes; // below a type change, the rest is noise
    }
    const [oldFormat, newFormat] = [base.keywords.format, revision.keywords.format];
    if (typesKnown && oldFormat !== newFormat) {
      // A format dropped accepts more (oasdiff: a generalisation); one added or changed is a type change.
      const finding = newFormat === undefined ? "type-generalized" : "type-changed";
      add(finding, `format changed from ${code(String(oldFormat ?? "none"))} to ${code(String(newFormat ?? "none"))}`);
      return changes;
    }
    if (wrappedInOneOf(base, revision)) {
      add("wrapped-in-one-of", "became a oneOf");
      return changes; // what it was is now in the branches: comparing it with none would be noise
    }
    if (!base.nullable && revision.nullable) add("became-nullable", "became nullable");
    if (base.nullable && !revision.nullable) add("became-not-nullable", "is no longer nullable");

    if (base.enumValues && revision.enumValues) {
      for (const value of base.enumValues)
        if (!revision.enumValues.has(value)) add("enum-value-removed", `enum value ${code(value)} removed`);
      for (const value of revision.enumValues)
        if (!base.enumValues.has(value)) add("enum-value-added", `enum value ${code(value)} added`);
    }
    for (const found of keywordFindings(base, revision)) add(found.finding, found.detail);
    compareComposition(base, revision, direction, changes);

    if (direction === "request" || direction === "response") compareProperties(base, revision, direction, changes);
    else {
      for (const [name, baseProperty] of base.properties) {
        const revisionProperty = revision.properties.get(name);
        if (revisionProperty === undefined) continue;
        const inner = compareViews(
          view(baseDocument, baseProperty),
          view(revisionDocument, revisionProperty),
          direction,
        );
        changes.push(...nested(inner, `/properties/${pointerToken(name)}`, name));
      }
    }
    for (const keyword of SUBSCHEMAS) {
      const [before, after] = [base.keywords[keyword], revision.keywords[keyword]];
      if (!isRecord(before) || !isRecord(after)) continue;
      const inner = compareViews(view(baseDocument, before), view(revisionDocument, after), direction);
      changes.push(...nested(inner, `/${keyword}`, ""));
    }
    if (base.items !== undefined && revision.items !== undefined) {
      const inner = compareViews(view(baseDocument, base.items), view(revisionDocument, revision.items), direction);
      changes.push(...nested(inner, "/items", "[]"));
    }
    return changes;
  }

  /** Properties added, removed, made (not) required or (not) read-/write-only, and what changed inside them. */
  function compareProperties(
    base: SchemaView,
    revision: SchemaView,
    direction: "request" | "response",
    changes: Found[],
  ): void {
    const facts = (object: SchemaView, document: unknown, name: string): PropertyFacts => {
      const keywords = view(document, object.properties.get(name)).keywords;
      return {
        required: object.required.has(name),
        readOnly: keywords.readOnly === true,
        writeOnly: keywords.writeOnly === true,
        hasDefault: keywords.default !== undefined,
        deprecated: keywords.deprecated === true,
        sunset: sunsetState(keywords["x-sunset"]),
      };
    };
    const addRule = (rule: string | undefined, detail: string, name: string) => {
      if (rule !== undefined)
        changes.push({ rule, pointer: `/properties/${pointerToken(name)}`, property: name, detail });
    };
    for (const [name, baseProperty] of base.properties) {
      const before = facts(base, baseDocument, name);
      const revisionProperty = revision.properties.get(name);
      if (revisionProperty === undefined) {
        addRule(
          propertyRule(direction, "removed", before),
          `removed (it was ${before.required ? "required" : "optional"})`,
          name,
        );
        continue;
      }
      const after = facts(revision, revisionDocument, name);
      if (before.required && !after.required)
        addRule(propertyRule(direction, "becameOptional", after), "became optional", name);
      if (!before.required && after.required)
        addRule(propertyRule(direction, "becameRequired", after), "became required", name);
      const deprecation = propertyDeprecationRule(direction, before, after);
      addRule(deprecation, deprecation?.replace(/^(request|response)-property-/, "").replace(/-/g, " ") ?? "", name);
      for (const rule of propertyFlagRules(direction, after.required, before, after)) {
        addRule(rule, rule.replace(/^.*-became-/, "became ").replace(/-/g, " "), name);
      }
      const inner = compareViews(view(baseDocument, baseProperty), view(revisionDocument, revisionProperty), direction);
      changes.push(...nested(inner, `/properties/${pointerToken(name)}`, name));
    }
    for (const name of revision.properties.keys()) {
      if (base.properties.has(name)) continue;
      const after = facts(revision, revisionDocument, name);
      addRule(propertyRule(direction, "added", after), after.required ? "added (required)" : "added (optional)", name);
    }
  }

  /**
   * `oneOf`, `anyOf` and `allOf` branches added and removed, matched by `$ref` (inline ones
   * by position), and what changed inside the branches both versions have. A `null` branch
   * is nullability, and a lone other branch is that schema, so neither counts as a branch.
   */
  function compareComposition(base: SchemaView, revision: SchemaView, direction: Direction, changes: Found[]): void {
    for (const keyword of ["oneOf", "anyOf", "allOf"] as const) {
      const aspect = { oneOf: "one-of", anyOf: "any-of", allOf: "all-of" }[keyword];
      const branchesOf = (view: SchemaView, document: unknown) =>
        (Array.isArray(view.source[keyword]) ? (view.source[keyword] as unknown[]) : []).filter(
          (branch) => !isNullSchema(resolve(document, branch)),
        );
      const [before, after] = [branchesOf(base, baseDocument), branchesOf(revision, revisionDocument)];
      if (keyword !== "allOf" && before.length <= 1 && after.length <= 1) continue;
      if (keyword !== "allOf" && (base.typeList || revision.typeList)) continue;
      const matches = matchBranches(before, after);
      before.forEach((branch, index) => {
        const at = matches[index] as number;
        if (at < 0) {
          const annotation = keyword === "allOf" && annotationOnly(resolve(baseDocument, branch));
          const finding = `${aspect}-removed${annotation ? "-annotation-only" : ""}`;
          const detail = `${keyword} branch ${code(branchName(branch, index))} removed`;
          changes.push({ finding, pointer: "", property: "", detail });
        } else if (keyword !== "allOf") {
          const inner = compareViews(view(baseDocument, branch), view(revisionDocument, after[at]), direction);
          changes.push(...nested(inner, `/${keyword}/${at}`, ""));
        }
      });
      after.forEach((branch, index) => {
        if (matches.includes(index)) return;
        const annotation = keyword === "allOf" && annotationOnly(resolve(revisionDocument, branch));
        const finding = `${aspect}-added${annotation ? "-annotation-only" : ""}`;
        const detail = `${keyword} branch ${code(branchName(branch, index))} added`;
        changes.push({ finding, pointer: `/${keyword}/${index}`, property: "", detail });
      });
    }
  }

  return {
    compare(base, revision, direction, options = {}) {
      const [baseView, revisionView] = [view(baseDocument, base), view(revisionDocument, revision)];
      const place = PLACES[direction];
      // Type changes that the way the value travels absorbs (see the two functions) are named for what they are.
      const found = compareViews(baseView, revisionView, direction).map((item) => {
        if (item.finding !== "type-changed") return item;
        if (options.looselyTyped && item.types && objectReadAsString(item.types, place.flow))
          return { ...item, finding: "type-compatible" };
        if (
          options.formExploded &&
          item.property === "" &&
          becameArrayOf(baseView, revisionView, view(revisionDocument, revisionView.items))
        )
          return {
            ...item,
            finding: "type-generalized",
            detail: `${item.detail} (each value it took is an array of one)`,
          };
        return item;
      });
      const changes: SchemaChange[] = [];
      for (const item of found) {
        // The items of an array are the array's values: a parameter's rules cover them (`[]`, `[][]`).
        const root = item.property === "" || (direction === "parameter" && /^(\[\])+$/.test(item.property));
        const subject = root ? place.root : place.inside;
        const id =
          item.rule ??
          (item.finding === undefined || subject === undefined
            ? undefined
            : ruleForFinding(place.flow, subject, item.finding));
        if (id !== undefined) changes.push({ id, pointer: item.pointer, property: item.property, detail: item.detail });
      }
      return changes;
    },
  };
}
