import { pointerToken } from "../../../src/json-pointer.js";
import { code, displayText } from "../../../src/untrusted-text.js";
import type { RuleId } from "./rules.js";
import { type SchemaView, viewSchema } from "./schema-view.js";

/** Which way data flows through a schema decides what breaks a client (oasdiff's "direction"). */
export type Direction = "request" | "response" | "parameter";

/** A change found inside a schema, relative to the schema's root. */
export interface SchemaChange {
  id: RuleId;
  /** JSON pointer relative to the schema root, e.g. `/properties/items/items`. */
  pointer: string;
  /** Property path for messages, e.g. `items[].name`; empty for the root. */
  property: string;
  detail: string;
}

type Memo = WeakMap<object, WeakMap<object, Map<Direction, SchemaChange[]>>>;

export interface SchemaComparer {
  compare(base: unknown, revision: unknown, direction: Direction): SchemaChange[];
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

  function compareViews(base: SchemaView, revision: SchemaView, direction: Direction): SchemaChange[] {
    const byRevision = memo.get(base.source)?.get(revision.source);
    const cached = byRevision?.get(direction);
    if (cached) return cached;
    const key = `${idOf(base.source)}:${idOf(revision.source)}:${direction}`;
    if (inProgress.has(key)) return [];
    inProgress.add(key);
    const changes = computeChanges(base, revision, direction);
    inProgress.delete(key);
    const forBase = memo.get(base.source) ?? new WeakMap<object, Map<Direction, SchemaChange[]>>();
    const forPair = forBase.get(revision.source) ?? new Map<Direction, SchemaChange[]>();
    forPair.set(direction, changes);
    forBase.set(revision.source, forPair);
    memo.set(base.source, forBase);
    return changes;
  }

  function nested(changes: SchemaChange[], pointer: string, property: string): SchemaChange[] {
    return changes.map((found) => ({
      ...found,
      pointer: `${pointer}${found.pointer}`,
      property: joinProperty(property, found.property),
    }));
  }

  function computeChanges(base: SchemaView, revision: SchemaView, direction: Direction): SchemaChange[] {
    const changes: SchemaChange[] = [];
    const add = (id: RuleId, detail: string, pointer = "", property = "") =>
      changes.push({ id, pointer, property, detail });
    const typesKnown = base.types.length > 0 && revision.types.length > 0;
    if (typesKnown && base.types.join() !== revision.types.join()) {
      const id: RuleId =
        direction === "parameter"
          ? "request-parameter-type-changed"
          : direction === "request"
            ? "request-property-type-changed"
            : "response-property-type-changed";
      add(id, `type changed from ${describeTypes(base)} to ${describeTypes(revision)}`);
      return changes; // below a type change, the rest is noise
    }
    if (!base.nullable && revision.nullable && direction === "response")
      add("response-property-became-nullable", "became nullable");
    if (!base.nullable && revision.nullable && direction === "request")
      add("request-property-became-nullable", "became nullable");
    if (base.nullable && !revision.nullable && direction === "request")
      add("request-property-became-not-nullable", "is no longer nullable");

    if (base.enumValues && revision.enumValues) {
      const removed = [...base.enumValues].filter((value) => !revision.enumValues?.has(value));
      const added = [...revision.enumValues].filter((value) => !base.enumValues?.has(value));
      const ids: Record<Direction, [RuleId, RuleId]> = {
        parameter: ["request-parameter-enum-value-removed", "request-parameter-enum-value-added"],
        request: ["request-property-enum-value-removed", "request-property-enum-value-added"],
        response: ["response-property-enum-value-removed", "response-property-enum-value-added"],
      };
      for (const value of removed) add(ids[direction][0], `enum value ${code(value)} removed`);
      for (const value of added) add(ids[direction][1], `enum value ${code(value)} added`);
    }
    if (direction === "parameter") return changes;

    for (const [name, baseProperty] of base.properties) {
      const token = `/properties/${pointerToken(name)}`;
      const revisionProperty = revision.properties.get(name);
      if (revisionProperty === undefined) {
        if (direction === "response") {
          add(
            base.required.has(name) ? "response-required-property-removed" : "response-optional-property-removed",
            base.required.has(name) ? "removed (it was required)" : "removed (it was optional)",
            token,
            name,
          );
        } else {
          add("request-property-removed", "removed", token, name);
        }
        continue;
      }
      const wasRequired = base.required.has(name);
      const isRequired = revision.required.has(name);
      if (wasRequired && !isRequired) {
        add(
          direction === "response" ? "response-property-became-optional" : "request-property-became-optional",
          "became optional",
          token,
          name,
        );
      } else if (!wasRequired && isRequired) {
        add(
          direction === "response" ? "response-property-became-required" : "request-property-became-required",
          "became required",
          token,
          name,
        );
      }
      changes.push(
        ...nested(
          compareViews(
            viewSchema(baseDocument, baseProperty),
            viewSchema(revisionDocument, revisionProperty),
            direction,
          ),
          token,
          name,
        ),
      );
    }
    for (const name of revision.properties.keys()) {
      if (base.properties.has(name)) continue;
      const required = revision.required.has(name);
      const id: RuleId =
        direction === "response"
          ? required
            ? "response-required-property-added"
            : "response-optional-property-added"
          : required
            ? "new-required-request-property"
            : "new-optional-request-property";
      add(id, required ? "added (required)" : "added (optional)", `/properties/${pointerToken(name)}`, name);
    }
    if (base.items !== undefined && revision.items !== undefined) {
      changes.push(
        ...nested(
          compareViews(viewSchema(baseDocument, base.items), viewSchema(revisionDocument, revision.items), direction),
          "/items",
          "[]",
        ),
      );
    }
    if (base.alternatives.length > 0 && base.alternatives.length === revision.alternatives.length) {
      base.alternatives.forEach((alternative, index) => {
        const keyword = Array.isArray(revision.source.anyOf) ? "anyOf" : "oneOf";
        changes.push(
          ...nested(
            compareViews(
              viewSchema(baseDocument, alternative),
              viewSchema(revisionDocument, revision.alternatives[index]),
              direction,
            ),
            `/${keyword}/${index}`,
            "",
          ),
        );
      });
    }
    return changes;
  }

  return {
    compare(base, revision, direction) {
      const changes = compareViews(viewSchema(baseDocument, base), viewSchema(revisionDocument, revision), direction);
      // At the root of a body, oasdiff names type and nullability changes after the body.
      return changes.map((found) => {
        if (found.property !== "") return found;
        if (found.id === "response-property-type-changed") return { ...found, id: "response-body-type-changed" };
        if (found.id === "request-property-type-changed") return { ...found, id: "request-body-type-changed" };
        if (found.id === "response-property-became-nullable") return { ...found, id: "response-body-became-nullable" };
        if (found.id === "request-property-became-nullable") return { ...found, id: "request-body-became-nullable" };
        if (found.id === "request-property-became-not-nullable")
          return { ...found, id: "request-body-became-not-nullable" };
        return found;
      });
    },
  };
}
