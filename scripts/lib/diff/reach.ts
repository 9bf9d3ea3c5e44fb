import type { WorkCounter } from "./work.js";

/**
 * What reaches each node of a directed graph from labelled roots (operations reaching
 * schemas): how many distinct labels, the first few, and how many paths. Computed once
 * per strongly connected component, in topological order, so the work grows with the
 * graph and not with the number of paths through it (a 24-deep DAG has 2^24 paths and
 * 48 edges). Label sets are bitsets shared between nodes that have the same one, so a
 * schema every operation reaches costs one set, not one per schema below it.
 */

/** Nodes are numbered 0…size−1. Repeated successors are separate edges (two properties of one schema). */
export interface Graph {
  size: number;
  successors(node: number): readonly number[];
}

/** A root: a node reached by a label (an operation) directly. */
export interface Root {
  node: number;
  label: number;
}

export interface Reach {
  /** How many distinct labels reach the node. */
  labels(node: number): number;
  /** The smallest labels that reach the node (in label order), at most `limit`. */
  firstLabels(node: number, limit: number): number[];
  /** The labels reaching a node as a bitset (shared: do not modify), undefined when none do. */
  bits(node: number): Uint32Array | undefined;
  /**
   * How many paths from a root reach the node, a path around a cycle counted once;
   * saturates at `Number.MAX_SAFE_INTEGER`.
   */
  paths(node: number): number;
}

/** Tarjan's algorithm without recursion: each node's component, numbered sinks first. */
export function stronglyConnected(graph: Graph, work: WorkCounter): { component: Int32Array; count: number } {
  const { size } = graph;
  const index = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const component = new Int32Array(size).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let count = 0;
  const frames: { node: number; next: number }[] = [];
  const enter = (node: number) => {
    index[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
    frames.push({ node, next: 0 });
  };
  for (let start = 0; start < size; start++) {
    if (index[start] !== -1) continue;
    enter(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { node: number; next: number };
      const node = frame.node;
      const successors = graph.successors(node);
      if (frame.next < successors.length) {
        work.take();
        const next = successors[frame.next++] as number;
        if (index[next] === -1) enter(next);
        else if (onStack[next] === 1) low[node] = Math.min(low[node] as number, index[next] as number);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low[parent.node] = Math.min(low[parent.node] as number, low[node] as number);
      if (low[node] === index[node]) {
        for (;;) {
          const member = stack.pop() as number;
          onStack[member] = 0;
          component[member] = count;
          if (member === node) break;
        }
        count++;
      }
    }
  }
  return { component, count };
}

const popcount = (word: number) => {
  let bits = word - ((word >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/** Labels in a bitset, and the first few, computed once per bitset. */
export function countBits(bits: Uint32Array): number {
  let total = 0;
  for (const word of bits) total += popcount(word);
  return total;
}

export function firstBits(bits: Uint32Array, limit: number): number[] {
  const found: number[] = [];
  for (let word = 0; word < bits.length && found.length < limit; word++) {
    let value = bits[word] as number;
    while (value !== 0 && found.length < limit) {
      const low = value & -value;
      found.push(word * 32 + (31 - Math.clz32(low)));
      value ^= low;
    }
  }
  return found;
}

/** The union of bitsets into `target`. */
export function orInto(target: Uint32Array, source: Uint32Array): void {
  for (let word = 0; word < source.length; word++) target[word] = (target[word] as number) | (source[word] as number);
}

/** Labels and paths reaching each node of `graph` from `roots`; `labelCount` labels in all. */
export function reachFromRoots(graph: Graph, roots: readonly Root[], labelCount: number, work: WorkCounter): Reach {
  const { component, count } = stronglyConnected(graph, work);
  const words = Math.ceil(labelCount / 32);
  const own: (number[] | undefined)[] = new Array(count);
  const paths = new Float64Array(count);
  for (const root of roots) {
    const at = component[root.node] as number;
    own[at] ??= [];
    (own[at] as number[]).push(root.label);
    paths[at] = (paths[at] as number) + 1;
  }
  // The members of each component, as runs of one array (a counting sort by component).
  const start = new Int32Array(count + 1);
  for (let node = 0; node < graph.size; node++) {
    const at = (component[node] as number) + 1;
    start[at] = (start[at] as number) + 1;
  }
  for (let at = 0; at < count; at++) start[at + 1] = (start[at + 1] as number) + (start[at] as number);
  const order = new Int32Array(graph.size);
  const filled = start.slice(0, count);
  for (let node = 0; node < graph.size; node++) {
    const at = component[node] as number;
    order[filled[at] as number] = node;
    filled[at] = (filled[at] as number) + 1;
  }

  const incoming: (Set<Uint32Array> | undefined)[] = new Array(count);
  const bits: (Uint32Array | undefined)[] = new Array(count);
  const none = new Set<Uint32Array>();
  // Sinks were numbered first: from the highest number down, every component comes before those it reaches.
  for (let at = count - 1; at >= 0; at--) {
    const sources = incoming[at] ?? none;
    const labels = own[at] ?? [];
    let set: Uint32Array | undefined;
    if (labels.length === 0 && sources.size === 1) set = sources.values().next().value;
    else if (labels.length > 0 || sources.size > 0) {
      set = new Uint32Array(words);
      work.take(words * (sources.size + 1));
      for (const source of sources) orInto(set, source);
      for (const label of labels) set[label >>> 5] = (set[label >>> 5] as number) | (1 << (label & 31));
    }
    bits[at] = set;
    incoming[at] = undefined; // no longer needed
    for (let member = start[at] as number; member < (start[at + 1] as number); member++) {
      for (const next of graph.successors(order[member] as number)) {
        const target = component[next] as number;
        if (target === at) continue;
        work.take();
        if (set !== undefined) {
          incoming[target] ??= new Set();
          (incoming[target] as Set<Uint32Array>).add(set);
        }
        paths[target] = Math.min(Number.MAX_SAFE_INTEGER, (paths[target] as number) + (paths[at] as number));
      }
    }
  }
  const counted = new WeakMap<Uint32Array, number>();
  const firsts = new WeakMap<Uint32Array, Map<number, number[]>>();
  const bitsOf = (node: number) => bits[component[node] as number];
  return {
    bits: bitsOf,
    labels(node) {
      const set = bitsOf(node);
      if (set === undefined) return 0;
      let total = counted.get(set);
      if (total === undefined) {
        work.take(words);
        total = countBits(set);
        counted.set(set, total);
      }
      return total;
    },
    firstLabels(node, limit) {
      const set = bitsOf(node);
      if (set === undefined) return [];
      let byLimit = firsts.get(set);
      if (byLimit === undefined) {
        byLimit = new Map();
        firsts.set(set, byLimit);
      }
      let found = byLimit.get(limit);
      if (found === undefined) {
        work.take(words);
        found = firstBits(set, limit);
        byLimit.set(limit, found);
      }
      return [...found];
    },
    paths: (node) => paths[component[node] as number] as number,
  };
}
