import { isRecord } from "../document/model.js";
import { ANNOTATIONS } from "./annotations.js";
import { comparePair } from "./compare-pair.js";
import { createResolver } from "./resolve.js";
import { type Coverage, createCoverage } from "./schema-contains.js";
import { createPairGraph, type Direction, type RootPlace, type SchemaPlace } from "./schema-graph.js";
import { type PositionedChange, placeChanges } from "./schema-places.js";
import { createSchemaViewer, type SchemaView } from "./schema-view.js";
import type { WorkCounter } from "./work.js";

export type { Direction, SchemaPlace };

export interface SchemaComparer {
  /** Compares two schemas at a place of an operation; `position` is the number of other changes so far. */
  compare(base: unknown, revision: unknown, direction: Direction, place: SchemaPlace, position: number): void;
  /**
   * Every change found inside the schemas, once each: one seen from one place as that
   * place reports it, one seen from several places at the schema, with the places counted.
   */
  finish(): { changes: PositionedChange[]; operations: Set<string> };
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

/**
 * Compares the schemas of two documents. Each pair of schema objects is compared once, in
 * each direction data flows through it (`schema-graph.ts`), however many places use it,
 * and a change in it is reported once (`schema-places.ts`).
 */
export function createSchemaComparer(
  baseDocument: unknown,
  revisionDocument: unknown,
  work: WorkCounter,
): SchemaComparer {
  const [resolveBase, resolveRevision] = [createResolver(baseDocument), createResolver(revisionDocument)];
  const baseViews = createSchemaViewer(resolveBase, work);
  const revisionViews = createSchemaViewer(resolveRevision, work);
  const views = { base: baseViews, revision: revisionViews };
  const coverages = new Map<string, Coverage>();
  const coverage = (wide: "base" | "revision", narrow: "base" | "revision") => {
    let found = coverages.get(`${wide}:${narrow}`);
    if (found === undefined) {
      found = createCoverage(views[wide], views[narrow], work);
      coverages.set(`${wide}:${narrow}`, found);
    }
    return found;
  };
  const graph = createPairGraph(
    { baseViews, revisionViews, resolveBase, resolveRevision, work, coverage },
    comparePair,
  );
  const roots: RootPlace[] = [];
  return {
    compare(base, revision, direction, place, position) {
      const node = graph.context.pair(base, revision, direction);
      const arrayOfOne =
        place.formExploded === true && becameArrayOf(node.base, node.revision, revisionViews.view(node.revision.items));
      roots.push({ ...place, node, position, arrayOfOne });
    },
    finish() {
      graph.drain();
      return placeChanges({ roots, nodes: graph.nodes, baseDocument, revisionDocument, work });
    },
  };
}
