import { pointerToken } from "../../../src/json-pointer.js";
import type { Resolver } from "./resolve.js";
import type { Coverage } from "./schema-contains.js";
import type { SchemaView, SchemaViewer } from "./schema-view.js";
import type { WorkCounter } from "./work.js";

/**
 * The comparison of two documents' schemas as a graph: one node per pair of schema
 * objects compared (and the way data flows through them), holding what changed in that
 * pair itself and edges to the pairs inside it (properties, items, branches). A schema
 * shared by a thousand places is one node, so its changes are found once; where they are
 * seen from is worked out afterwards, over the graph (`schema-places.ts`).
 */

/**
 * Which way data flows through a schema decides what breaks a client (oasdiff's "direction"):
 * a request body, a parameter (sent), a response body or a response header (received).
 */
export type Direction = "request" | "response" | "parameter" | "header";

/** What the objects a change belongs to are: one finding per change, however many places see it. */
export interface Owner {
  /** The object in the base the change is about (undefined when only the revision has it). */
  base: object | undefined;
  /** The object in the revision (undefined when only the base has it: something removed). */
  revision: object | undefined;
  /** JSON pointer from the owner object to where the change is (`/oneOf/2`), often empty. */
  pointer: string;
  /** The pointer is into the base (a branch removed), though the revision has the object too. */
  inBase?: true;
}

/**
 * A change found in one pair of schemas: either a finding of `SCHEMA_RULES` (its id
 * depends on the place) or a property rule whose id does not.
 */
export interface LocalFinding {
  finding?: string;
  rule?: string;
  /** JSON pointer relative to the pair's schemas, e.g. `/properties/name`. */
  pointer: string;
  /** The property it is about, relative to the pair (`name`), empty for the schema itself. */
  property: string;
  detail: string;
  types?: { from: readonly string[]; to: readonly string[] };
  owner: Owner;
}

/** A pair inside a pair: through a property (`name`), the items (`[]`) or a branch or keyword (empty). */
export interface Edge {
  pointer: string;
  property: string;
  node: PairNode;
}

export interface PairNode {
  /** Creation order: nodes are numbered densely. */
  index: number;
  direction: Direction;
  base: SchemaView;
  revision: SchemaView;
  findings: LocalFinding[];
  edges: Edge[];
}

/** Where in an operation a schema is compared: what a change seen there is called, and where it is. */
export interface SchemaPlace {
  /** `METHOD /path`, as written. */
  operation: string;
  /** The operation's key in the summary's count of changed operations; none for webhooks. */
  counted?: string;
  /** JSON pointer of the schema through the operation (`…/content/application~1json/schema`). */
  at: string;
  /** The message of a change seen here, from the property it is in (empty for the schema itself) and what changed. */
  describe(property: string, detail: string): string;
  /**
   * A query parameter's schemas in form style, exploded (the default), where one value on
   * the wire is also a valid array of one.
   */
  formExploded?: boolean;
  /** A body's schemas in a media type that is not JSON. */
  looselyTyped?: boolean;
}

/** A place a comparison starts from, in the order the places were given. */
export interface RootPlace extends SchemaPlace {
  node: PairNode;
  /** How many other changes were found before this place: where its changes go among them. */
  position: number;
  /** The schema became an array that takes each value it took (see `becameArrayOf`). */
  arrayOfOne: boolean;
}

/** `/properties/<name>`, the name escaped (RFC 6901 §3) only where it has to be: most names need nothing. */
export function propertyPointer(name: string): string {
  return name.includes("~") || name.includes("/") ? `/properties/${pointerToken(name)}` : `/properties/${name}`;
}

/** The owner of what changed in a pair's schemas themselves. */
export function ownOwner(node: PairNode, pointer = "", inBase = false): Owner {
  return { base: node.base.source, revision: node.revision.source, pointer, ...(inBase ? { inBase: true } : {}) };
}

/** What the comparison of one pair may use: the views of both documents and the pairs inside. */
export interface PairContext {
  baseViews: SchemaViewer;
  revisionViews: SchemaViewer;
  resolveBase: Resolver;
  resolveRevision: Resolver;
  work: WorkCounter;
  /** Whether schemas of one side take every value schemas of a side take (`schema-contains.ts`). */
  coverage(wide: "base" | "revision", narrow: "base" | "revision"): Coverage;
  /** The node of a pair of raw schemas (created, and queued for comparison, the first time). */
  pair(base: unknown, revision: unknown, direction: Direction): PairNode;
}

/**
 * The nodes of a comparison, created on demand and compared from a queue rather than by
 * recursion, so a chain of references of any depth compares in constant stack.
 */
export function createPairGraph(
  views: Omit<PairContext, "pair">,
  compare: (node: PairNode, context: PairContext) => void,
): { context: PairContext; nodes: PairNode[]; drain(): void } {
  const nodes: PairNode[] = [];
  const byPair = new Map<object, Map<object, Map<Direction, PairNode>>>();
  const queue: PairNode[] = [];
  const context: PairContext = {
    ...views,
    pair(rawBase, rawRevision, direction) {
      const [base, revision] = [views.baseViews.view(rawBase), views.revisionViews.view(rawRevision)];
      let byRevision = byPair.get(base.source);
      if (byRevision === undefined) {
        byRevision = new Map();
        byPair.set(base.source, byRevision);
      }
      let byDirection = byRevision.get(revision.source);
      if (byDirection === undefined) {
        byDirection = new Map();
        byRevision.set(revision.source, byDirection);
      }
      let node = byDirection.get(direction);
      if (node === undefined) {
        views.work.take();
        node = { index: nodes.length, direction, base, revision, findings: [], edges: [] };
        nodes.push(node);
        byDirection.set(direction, node);
        queue.push(node);
      }
      return node;
    },
  };
  return {
    context,
    nodes,
    drain() {
      for (let node = queue.pop(); node !== undefined; node = queue.pop()) compare(node, context);
    },
  };
}
