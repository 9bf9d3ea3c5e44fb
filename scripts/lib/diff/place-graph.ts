import { type Reach, reachFromRoots } from "./reach.js";
import type { Direction, Edge, PairNode, RootPlace } from "./schema-graph.js";
import type { WorkCounter } from "./work.js";

/**
 * The places a change inside a schema is seen from. What a change is called depends on
 * the way to it, not only on the pair of schemas: at a body's root or inside a property,
 * in a media type that is not JSON, at a query parameter's root that became an array. A
 * place-node is a pair node with that state; the graph of place-nodes reachable from the
 * operations, restricted to pairs with a change at or below them, is what the counts are
 * computed over.
 */

/** The way to a pair went through a property (not only branches, or a parameter's items). */
export const INSIDE = 1;
/** The place is a body in a media type that is not JSON. */
export const LOOSE = 2;
/** The place is the root of a form-exploded query parameter that became an array of its old values. */
export const ARRAY_OF_ONE = 4;

/** The state after an edge: through a property (or a body's items), a change is inside. */
function stateAfter(state: number, edge: Edge, direction: Direction): number {
  const next = state & ~ARRAY_OF_ONE;
  // The items of an array are the array's values: a parameter's rules cover them (`[]`, `[][]`).
  if (edge.property === "" || (edge.property === "[]" && direction === "parameter")) return next;
  return next | INSIDE;
}

/** One way from an operation to a place-node, as a linked list back to its root. */
export interface Trail {
  root: RootPlace;
  parent: Trail | undefined;
  edge: Edge | undefined;
  /** Order of discovery: depth first, places in the order they were given, so document order. */
  order: number;
}

export interface PlaceGraph {
  size: number;
  node(place: number): PairNode;
  state(place: number): number;
  reach: Reach;
  /** The first few ways to each place-node, in document order. */
  trails(place: number): readonly Trail[];
  /** The operation of each label of `reach`. */
  operations: readonly RootPlace[];
}

/** How many ways to each place-node are kept, in document order: the places a report names. */
export const PLACES_NAMED = 5;

/** Pairs with a change at or below them: a walk back from each pair with a change. */
function pairsWithChanges(nodes: readonly PairNode[], work: WorkCounter): Uint8Array {
  const parents: number[][] = nodes.map(() => []);
  for (const node of nodes) for (const edge of node.edges) (parents[edge.node.index] as number[]).push(node.index);
  const marked = new Uint8Array(nodes.length);
  const pending = nodes.filter((node) => node.findings.length > 0).map((node) => node.index);
  for (const index of pending) marked[index] = 1;
  while (pending.length > 0) {
    for (const parent of parents[pending.pop() as number] as number[]) {
      work.take();
      if (marked[parent] === 0) {
        marked[parent] = 1;
        pending.push(parent);
      }
    }
  }
  return marked;
}

export function buildPlaceGraph(
  roots: readonly RootPlace[],
  nodes: readonly PairNode[],
  work: WorkCounter,
): PlaceGraph {
  const relevant = pairsWithChanges(nodes, work);
  const ids = new Map<number, number>();
  const placeNode: PairNode[] = [];
  const placeState: number[] = [];
  const successors: number[][] = [];
  const edges: Edge[][] = [];
  const pending: number[] = [];
  const placeOf = (node: PairNode, state: number) => {
    const key = node.index * 8 + state;
    let id = ids.get(key);
    if (id === undefined) {
      id = placeNode.push(node) - 1;
      placeState.push(state);
      successors.push([]);
      edges.push([]);
      ids.set(key, id);
      pending.push(id);
    }
    return id;
  };
  const labels = new Map<string, number>();
  const operations: RootPlace[] = [];
  const rootIds: { node: number; label: number }[] = [];
  const rootPlace: number[] = [];
  for (const root of roots) {
    if (relevant[root.node.index] === 0) {
      rootPlace.push(-1);
      continue;
    }
    let label = labels.get(root.operation);
    if (label === undefined) {
      label = operations.push(root) - 1;
      labels.set(root.operation, label);
    }
    const id = placeOf(root.node, (root.looselyTyped ? LOOSE : 0) | (root.arrayOfOne ? ARRAY_OF_ONE : 0));
    rootIds.push({ node: id, label });
    rootPlace.push(id);
  }
  while (pending.length > 0) {
    const id = pending.pop() as number;
    const node = placeNode[id] as PairNode;
    for (const edge of node.edges) {
      if (relevant[edge.node.index] === 0) continue;
      work.take();
      const next = placeOf(edge.node, stateAfter(placeState[id] as number, edge, node.direction));
      (successors[id] as number[]).push(next);
      (edges[id] as Edge[]).push(edge);
    }
  }
  const size = placeNode.length;
  const reach = reachFromRoots(
    { size, successors: (id) => successors[id] as number[] },
    rootIds,
    operations.length,
    work,
  );
  const trails = firstTrails(roots, rootPlace, { size, successors, edges }, work);
  return {
    size,
    node: (id) => placeNode[id] as PairNode,
    state: (id) => placeState[id] as number,
    reach,
    trails: (id) => trails[id] as Trail[],
    operations,
  };
}

/**
 * The first `PLACES_NAMED` ways to each place-node, depth first from each root in order. A
 * place-node already reached that many times is not entered again: everything below it
 * has then been reached that many times through it, so the walk stays within
 * `PLACES_NAMED` × the edges, however many paths there are. A way never passes a
 * place-node twice (a recursive schema ends where it repeats).
 */
function firstTrails(
  roots: readonly RootPlace[],
  rootPlace: readonly number[],
  graph: { size: number; successors: number[][]; edges: Edge[][] },
  work: WorkCounter,
): Trail[][] {
  const trails: Trail[][] = Array.from({ length: graph.size }, () => []);
  const onPath = new Uint8Array(graph.size);
  let order = 0;
  const frames: { id: number; trail: Trail; next: number }[] = [];
  const enter = (id: number, trail: Trail) => {
    const list = trails[id] as Trail[];
    if (list.length >= PLACES_NAMED || onPath[id] === 1) return;
    trail.order = order++;
    list.push(trail);
    onPath[id] = 1;
    frames.push({ id, trail, next: 0 });
  };
  roots.forEach((root, index) => {
    const start = rootPlace[index] as number;
    if (start < 0) return;
    enter(start, { root, parent: undefined, edge: undefined, order: 0 });
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { id: number; trail: Trail; next: number };
      const next = graph.successors[frame.id] as number[];
      if (frame.next >= next.length) {
        onPath[frame.id] = 0;
        frames.pop();
        continue;
      }
      work.take();
      const at = frame.next++;
      enter(next[at] as number, {
        root,
        parent: frame.trail,
        edge: (graph.edges[frame.id] as Edge[])[at],
        order: 0,
      });
    }
  });
  return trails;
}
