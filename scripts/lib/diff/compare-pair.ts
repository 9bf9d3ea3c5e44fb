import { code, displayText } from "../../../src/untrusted-text.js";
import { isRecord } from "../document/model.js";
import { canonicalJson } from "./canonical-json.js";
import { compareComposition } from "./compare-composition.js";
import { keywordFindings } from "./compare-keywords.js";
import { compareProperties } from "./compare-properties.js";
import {
  type LocalFinding,
  type Owner,
  ownOwner,
  type PairContext,
  type PairNode,
  propertyPointer,
} from "./schema-graph.js";
import { ENUM_ORIGIN, originOf, type SchemaView, TYPE_ORIGIN } from "./schema-view.js";

function describeTypes(view: SchemaView): string {
  const types = view.types.length > 0 ? view.types.map(displayText).join("|") : "any";
  return view.nullable ? `${types}|null` : types;
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

/** Formats that take every value of another (oasdiff's `isFormatContained`), by type. */
const WIDER_FORMATS: Record<string, Record<string, string[]>> = {
  integer: { int64: ["int32"], bigint: ["int32", "int64"] },
  number: { double: ["float"] },
  string: { "date-time": ["date", "time"] },
};

/** `wide` takes every value `narrow` does: no format takes all; a format takes itself and those it widens. */
function formatContains(types: readonly string[], wide: unknown, narrow: unknown): boolean {
  if (wide === undefined) return true;
  if (narrow === undefined || types.length !== 1) return false;
  if (wide === narrow) return true;
  const wider = WIDER_FORMATS[types[0] as string];
  const below = wider !== undefined && typeof wide === "string" && Object.hasOwn(wider, wide) ? wider[wide] : [];
  return (below ?? []).includes(String(narrow));
}

/**
 * A format change, judged as oasdiff does by the way data flows: a request's format that
 * still takes every value the old one did (dropped, or `int32` → `int64`) generalises it;
 * a response's that sends only values the old one did (added, or `int64` → `int32`)
 * specialises it; anything else is a type change.
 */
function formatFinding(types: readonly string[], before: unknown, after: unknown, direction: string): string {
  if (direction === "response" || direction === "header")
    return formatContains(types, before, after) ? "type-specialized" : "type-changed";
  return formatContains(types, after, before) ? "type-generalized" : "type-changed";
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
 * What changed in one pair of schemas (type, format, nullability, enum, keywords, branches,
 * properties), and the pairs inside it to compare next, as edges: properties, items, the
 * branches both versions have and the subschema keywords. Nothing here recurses.
 */
export function comparePair(node: PairNode, context: PairContext): void {
  const { base, revision, direction } = node;
  const findings = node.findings;
  const add = (finding: string, detail: string, owner = ownOwner(node)) =>
    findings.push({ finding, pointer: "", property: "", detail, owner });
  const edge = (pointer: string, property: string, rawBase: unknown, rawRevision: unknown) => {
    context.work.take();
    node.edges.push({ pointer, property, node: context.pair(rawBase, rawRevision, direction) });
  };
  context.work.take();

  const origin = (key: string): Owner => ({
    base: originOf(base, key),
    revision: originOf(revision, key),
    pointer: "",
  });
  if (!base.enumValues && revision.enumValues) add("became-enum", "became an enum", origin(ENUM_ORIGIN));
  const typesKnown = base.types.length > 0 && revision.types.length > 0;
  if (typesKnown && base.types.join() !== revision.types.join()) {
    findings.push({
      finding: typeFinding(base.types, revision.types, direction === "parameter"),
      pointer: "",
      property: "",
      detail: `type changed from ${describeTypes(base)} to ${describeTypes(revision)}`,
      types: { from: base.types, to: revision.types },
      owner: origin(TYPE_ORIGIN),
    });
    return; // below a type change, the rest is noise
  }
  const [oldFormat, newFormat] = [base.keywords.format, revision.keywords.format];
  if (typesKnown && oldFormat !== newFormat) {
    const finding = formatFinding(revision.types, oldFormat, newFormat, direction);
    const owner = { base: originOf(base, "format"), revision: originOf(revision, "format"), pointer: "" };
    add(
      finding,
      `format changed from ${code(String(oldFormat ?? "none"))} to ${code(String(newFormat ?? "none"))}`,
      owner,
    );
    return;
  }
  if (wrappedInOneOf(base, revision)) {
    add("wrapped-in-one-of", "became a oneOf");
    return; // what it was is now in the branches: comparing it with none would be noise
  }
  if (!base.nullable && revision.nullable) add("became-nullable", "became nullable");
  if (base.nullable && !revision.nullable) add("became-not-nullable", "is no longer nullable");

  if (base.enumValues && revision.enumValues) {
    const owner = origin(ENUM_ORIGIN);
    for (const value of base.enumValues)
      if (!revision.enumValues.has(value)) add("enum-value-removed", `enum value ${code(value)} removed`, owner);
    for (const value of revision.enumValues)
      if (!base.enumValues.has(value)) add("enum-value-added", `enum value ${code(value)} added`, owner);
    context.work.take(base.enumValues.size + revision.enumValues.size);
  }
  for (const found of keywordFindings(base, revision)) {
    const owner = {
      base: originOf(base, found.keyword),
      revision: originOf(revision, found.keyword),
      pointer: "",
    };
    add(found.finding, found.detail, owner.base === undefined && owner.revision === undefined ? undefined : owner);
  }
  compareComposition(node, context, edge);

  if (direction === "request" || direction === "response") compareProperties(node, context, direction, edge);
  else {
    for (const [name, baseProperty] of base.properties) {
      const revisionProperty = revision.properties.get(name);
      if (revisionProperty !== undefined) edge(propertyPointer(name), name, baseProperty, revisionProperty);
    }
  }
  for (const keyword of SUBSCHEMAS) {
    const [before, after] = [base.keywords[keyword], revision.keywords[keyword]];
    if (isRecord(before) && isRecord(after)) edge(`/${keyword}`, "", before, after);
  }
  if (base.items !== undefined && revision.items !== undefined) edge("/items", "[]", base.items, revision.items);
}

export type { LocalFinding };
