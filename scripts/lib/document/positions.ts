import { pointerToken, resolvePointer } from "../../../src/json-pointer.js";
import { isRecord } from "./model.js";
import { type Child, childOf, OBJECTS, type ObjectKind } from "./openapi-objects.js";

/** A `$ref` (or a discriminator's mapping) where the specification says a reference stands. */
export interface Reference {
  value: string;
  /** JSON pointer of the string. */
  pointer: string;
}

/** A place where the specification puts a Schema Object and the document has something else. */
export interface Misplaced {
  pointer: string;
  found: string;
}

export interface DocumentPositions {
  /** Every object standing where the specification puts an OpenAPI object, with its kind. */
  kinds: Map<object, ObjectKind>;
  /** Objects whose `$ref` is a reference (a Reference Object, a Schema's or a Path Item's `$ref`). */
  referring: Set<object>;
  references: Reference[];
  /** `$dynamicRef` and `$recursiveRef` values: named, never followed by any tool here. */
  fragments: Reference[];
  misplaced: Misplaced[];
  /** Objects in data (extensions, unknown fields, `info`, …) with a `$ref` key: data, not references. */
  dataRefs: { holder: object; pointer: string }[];
}

/** Where a value is: its key under its parent, or (a reference's target) a pointer of its own. */
interface Place {
  key: string;
  parent: Place | undefined;
  absolute?: string;
}

function pointerOf(place: Place | undefined, ...last: string[]): string {
  const tokens = last.map(pointerToken);
  let at = place;
  for (; at !== undefined && at.absolute === undefined; at = at.parent) tokens.unshift(pointerToken(at.key));
  const base = at?.absolute ?? "";
  return tokens.length === 0 ? base || "/" : `${base}/${tokens.join("/")}`;
}

/** Fields that hold data shown as written (by the generator's comments and literal types): never looked into. */
const VERBATIM: Partial<Record<ObjectKind, ReadonlySet<string>>> = {
  Schema: new Set(["example", "examples", "default", "enum", "const"]),
  MediaType: new Set(["example"]),
  Parameter: new Set(["example"]),
  Header: new Set(["example"]),
  Example: new Set(["value"]),
  Link: new Set(["parameters", "requestBody"]),
};

/**
 * A local reference: `#` alone or a JSON pointer fragment `#/…`. Anything else (a file, a
 * relative path, a URL, an `$anchor` name) would make a resolver read or fetch.
 */
export const LOCAL_REFERENCE = /^#(\/.*)?$/s;

/** Whether a `$ref` value points at something inside `document`. */
export function resolvesInside(document: unknown, ref: string): boolean {
  return LOCAL_REFERENCE.test(ref) && resolvePointer(document, ref).found;
}

/** A discriminator mapping value that is a reference rather than a schema name (as Redocly tells them apart). */
export function isMappingReference(value: string): boolean {
  return value.startsWith("#") || value.startsWith(".") || value.includes("/");
}

const shapeOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "list" : typeof value);

const cache = new WeakMap<object, DocumentPositions>();

/**
 * Walks a document the way the specification reads it: from the root through the fields
 * that hold OpenAPI objects, and through every reference into what it points at, which
 * then stands where the reference does (a schema reached by a `$ref` is a schema, wherever
 * in the document it sits). Each object is walked once per kind, so the work grows with
 * the document, not with the paths through it. Iterative: no document overflows its stack.
 */
export function positionsOf(document: object): DocumentPositions {
  const known = cache.get(document);
  if (known) return known;
  const found: DocumentPositions = {
    kinds: new Map(),
    referring: new Set(),
    references: [],
    fragments: [],
    misplaced: [],
    dataRefs: [],
  };
  const seen = new Map<object, Set<ObjectKind>>();
  const pending: { node: object; kind: ObjectKind; place: Place | undefined }[] = [
    { node: document, kind: "Document", place: undefined },
  ];
  const follow = (ref: string, kind: ObjectKind) => {
    const target = resolvePointer(document, ref);
    if (target.found && typeof target.value === "object" && target.value !== null)
      pending.push({ node: target.value, kind, place: { key: "", parent: undefined, absolute: ref.slice(1) } });
  };
  const schemaAt = (value: unknown, place: Place, allowList: boolean) => {
    if (typeof value === "boolean" || value === null) return; // a boolean schema; null is left to the validator
    if (Array.isArray(value) && allowList) {
      value.forEach((item, index) => {
        schemaAt(item, { key: String(index), parent: place }, false);
      });
    } else if (isRecord(value)) pending.push({ node: value, kind: "Schema", place });
    else found.misplaced.push({ pointer: pointerOf(place), found: shapeOf(value) });
  };
  const childAt = (child: Child, value: unknown, place: Place, key: string) => {
    const isSchema = child.kind === "Schema";
    if (child.holds === "one") {
      if (isSchema) schemaAt(value, place, key === "items");
      else if (isRecord(value)) pending.push({ node: value, kind: child.kind, place });
      return;
    }
    const container = child.holds === "list" ? Array.isArray(value) : isRecord(value);
    if (!container) {
      if (isSchema && value !== null && value !== undefined)
        found.misplaced.push({ pointer: pointerOf(place), found: shapeOf(value) });
      return;
    }
    for (const [name, item] of Object.entries(value as object)) {
      const itemPlace = { key: name, parent: place };
      if (isSchema) schemaAt(item, itemPlace, false);
      else if (isRecord(item)) pending.push({ node: item, kind: child.kind, place: itemPlace });
    }
  };

  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, kind, place } = next;
    const kindsSeen = seen.get(node) ?? new Set<ObjectKind>();
    if (kindsSeen.has(kind)) continue;
    kindsSeen.add(kind);
    seen.set(node, kindsSeen);
    if (!found.kinds.has(node)) found.kinds.set(node, kind);
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === "string" && OBJECTS[kind].referable) {
      found.referring.add(node);
      found.references.push({ value: record.$ref, pointer: pointerOf(place, "$ref") });
      follow(record.$ref, kind);
      // A Reference Object is only that (3.0 §4.7.23: other fields are ignored); a Schema's and
      // a Path Item's `$ref` sit beside the rest of the object.
      if (kind !== "Schema" && kind !== "PathItem") continue;
    }
    if (kind === "Schema") schemaKeywords(record, place, found, follow);
    const verbatim = VERBATIM[kind];
    for (const key of Object.keys(record)) {
      if (key === "$ref") continue;
      const child = childOf(kind, key);
      if (child) childAt(child, record[key], { key, parent: place }, key);
      else if (!verbatim?.has(key)) findDataRefs(record[key], { key, parent: place }, found);
    }
  }
  found.dataRefs = found.dataRefs.filter(({ holder }) => !found.referring.has(holder));
  cache.set(document, found);
  return found;
}

/** A Schema's keywords that name other schemas without being one: `$dynamicRef`, `$recursiveRef`, a discriminator's mapping. */
function schemaKeywords(
  schema: Record<string, unknown>,
  place: Place | undefined,
  found: DocumentPositions,
  follow: (ref: string, kind: ObjectKind) => void,
): void {
  for (const key of ["$dynamicRef", "$recursiveRef"]) {
    const value = schema[key];
    if (typeof value === "string") found.fragments.push({ value, pointer: pointerOf(place, key) });
  }
  const mapping = isRecord(schema.discriminator) ? schema.discriminator.mapping : undefined;
  if (!isRecord(mapping)) return;
  for (const [name, value] of Object.entries(mapping)) {
    if (typeof value !== "string" || !isMappingReference(value)) continue;
    found.references.push({ value, pointer: pointerOf(place, "discriminator", "mapping", name) });
    follow(value, "Schema");
  }
}

/** Objects with a `$ref` key anywhere in a piece of data. */
function findDataRefs(value: unknown, place: Place, found: DocumentPositions): void {
  const pending: { value: unknown; place: Place }[] = [{ value, place }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== "object" || next.value === null) continue;
    if (!Array.isArray(next.value) && typeof (next.value as Record<string, unknown>).$ref === "string")
      found.dataRefs.push({ holder: next.value, pointer: pointerOf(next.place, "$ref") });
    for (const [key, item] of Object.entries(next.value))
      if (typeof item === "object" && item !== null) pending.push({ value: item, place: { key, parent: next.place } });
  }
}
