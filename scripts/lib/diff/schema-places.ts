import { type Change, change, type Place, type Reach } from "./change.js";
import { USERS_SHOWN } from "./model.js";
import {
  ARRAY_OF_ONE,
  buildPlaceGraph,
  INSIDE,
  LOOSE,
  PLACES_NAMED,
  type PlaceGraph,
  type Trail,
} from "./place-graph.js";
import { countBits, firstBits, orInto } from "./reach.js";
import { LEVEL_ORDER, type Level, RULES } from "./rules.js";
import type { Direction, LocalFinding, PairNode, RootPlace } from "./schema-graph.js";
import { createLocator, placesText, schemaLabel } from "./schema-location.js";
import { type FlowDirection, ruleForFinding, type Subject } from "./schema-rules.js";
import type { WorkCounter } from "./work.js";

/** A change with where it goes among the others: after `position` of them, then in the order it was first seen. */
export interface PositionedChange {
  position: number;
  order: number;
  change: Change;
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

/**
 * oasdiff's "loosely typed" exception: in a media type that is not JSON (XML, form data),
 * an object read as text loses nothing. A request value that was an object and is now a
 * string, or a response one that was a string and is now an object, is compatible.
 */
function objectReadAsString(types: { from: readonly string[]; to: readonly string[] }, flow: FlowDirection): boolean {
  const [wide, narrow] = flow === "response" ? [types.to, types.from] : [types.from, types.to];
  return wide.join() === "object" && narrow.join() === "string";
}

/** The rule of a finding at a place-node's state, and how it reads there; undefined where it has none. */
function ruleAt(node: PairNode, found: LocalFinding, state: number): { id: string; detail: string } | undefined {
  if (found.rule !== undefined) return { id: found.rule, detail: found.detail };
  if (found.finding === undefined) return undefined;
  const place = PLACES[node.direction];
  let [finding, detail] = [found.finding, found.detail];
  // Type changes that the way the value travels absorbs are named for what they are.
  if (finding === "type-changed" && state & LOOSE && found.types && objectReadAsString(found.types, place.flow))
    finding = "type-compatible";
  else if (finding === "type-changed" && state & ARRAY_OF_ONE) {
    finding = "type-generalized";
    detail = `${detail} (each value it took is an array of one)`;
  }
  const subject = state & INSIDE ? place.inside : place.root;
  const id = subject === undefined ? undefined : ruleForFinding(place.flow, subject, finding);
  return id === undefined ? undefined : { id, detail };
}

/** `items` + `[].name` → `items[].name`; `a` + `b` → `a.b`. */
function joinProperty(prefix: string, rest: string): string {
  if (rest === "") return prefix;
  if (prefix === "") return rest;
  return rest.startsWith("[]") ? `${prefix}${rest}` : `${prefix}.${rest}`;
}

/** A place as the per-operation report says it: the pointer through the operation and its message. */
function describePlace(trail: Trail, found: LocalFinding, rule: { id: string; detail: string }): Place {
  const edges = [];
  for (let at: Trail | undefined = trail; at?.edge !== undefined; at = at.parent) edges.push(at.edge);
  edges.reverse();
  const location = `${trail.root.at}${edges.map((edge) => edge.pointer).join("")}${found.pointer}`;
  const property = [...edges.map((edge) => edge.property), found.property].reduce(joinProperty, "");
  const spec = RULES[rule.id];
  if (spec === undefined) throw new Error(`Unregistered rule id ${rule.id}`);
  return {
    operation: trail.root.operation,
    location,
    message: trail.root.describe(property, rule.detail),
    id: rule.id,
    level: spec.level,
  };
}

interface Member {
  place: number;
  found: LocalFinding;
  rule: { id: string; detail: string };
}

const rank = (level: Level) => LEVEL_ORDER.indexOf(level);

/** Objects as numbers, for keys. */
function objectIds(): (value: object | undefined) => number {
  const ids = new WeakMap<object, number>();
  let next = 1;
  return (value) => {
    if (value === undefined) return 0;
    let id = ids.get(value);
    if (id === undefined) {
      id = next++;
      ids.set(value, id);
    }
    return id;
  };
}

/**
 * The changes found inside schemas, one per change: a change belongs to the objects it is
 * about (its owner: a pair of schemas, a property as written, a keyword where it is
 * written), and all the places it is seen from make one finding. Seen from one place, it
 * reads as it always did (that operation, that pointer); seen from several, it is
 * reported at the schema, its level the worst of its places, with the places counted and
 * the first few named.
 */
export function placeChanges(input: {
  roots: readonly RootPlace[];
  nodes: readonly PairNode[];
  baseDocument: unknown;
  revisionDocument: unknown;
  work: WorkCounter;
}): { changes: PositionedChange[]; operations: Set<string> } {
  const { work } = input;
  const graph = buildPlaceGraph(input.roots, input.nodes, work);
  const idOf = objectIds();
  const groups = new Map<string, Member[]>();
  for (let place = 0; place < graph.size; place++) {
    const node = graph.node(place);
    for (const found of node.findings) {
      work.take();
      const rule = ruleAt(node, found, graph.state(place));
      if (rule === undefined) continue;
      const { owner } = found;
      const key = `${idOf(owner.base)}|${idOf(owner.revision)}|${owner.pointer}|${found.property}|${found.detail}`;
      const members = groups.get(key);
      if (members === undefined) groups.set(key, [{ place, found, rule }]);
      else members.push({ place, found, rule });
    }
  }
  const shared = [...groups.values()].filter((members) => placesOf(graph, members) > 1);
  const locator = createLocator(
    input.baseDocument,
    input.revisionDocument,
    shared.map((members) => (members[0] as Member).found.owner),
  );
  const changes: PositionedChange[] = [];
  const reached = new Set<Uint32Array>();
  for (const members of groups.values()) {
    for (const member of members) {
      const bits = graph.reach.bits(member.place);
      if (bits !== undefined) reached.add(bits);
    }
    changes.push(groupChange(graph, members, locator.locate((members[0] as Member).found.owner), work));
  }
  const operations = new Set<string>();
  if (reached.size > 0) {
    const all = new Uint32Array(Math.ceil(graph.operations.length / 32));
    for (const bits of reached) {
      work.take(bits.length);
      orInto(all, bits);
    }
    for (const label of firstBits(all, graph.operations.length)) {
      const counted = graph.operations[label]?.counted;
      if (counted !== undefined) operations.add(counted);
    }
  }
  return { changes, operations };
}

function placesOf(graph: PlaceGraph, members: readonly Member[]): number {
  let total = 0;
  for (const member of members) total = Math.min(Number.MAX_SAFE_INTEGER, total + graph.reach.paths(member.place));
  return total;
}

/** One change from the members of a group: its places counted, the first few named, its level the worst. */
function groupChange(
  graph: PlaceGraph,
  members: readonly Member[],
  location: string | undefined,
  work: WorkCounter,
): PositionedChange {
  const named: { trail: Trail; member: Member }[] = [];
  for (const member of members) for (const trail of graph.trails(member.place)) named.push({ trail, member });
  work.take(named.length);
  named.sort((a, b) => a.trail.order - b.trail.order);
  const first = named[0] as { trail: Trail; member: Member };
  const places = placesOf(graph, members);
  const position = { position: first.trail.root.position, order: first.trail.order };
  if (places <= 1) {
    const place = describePlace(first.trail, first.member.found, first.member.rule);
    return { ...position, change: change(place.id, place.operation, place.location, place.message) };
  }
  const rules = new Map<string, { id: string; level: Level; places: number }>();
  for (const member of members) {
    const level = (RULES[member.rule.id] as { level: Level }).level;
    const entry = rules.get(member.rule.id) ?? { id: member.rule.id, level, places: 0 };
    entry.places = Math.min(Number.MAX_SAFE_INTEGER, entry.places + graph.reach.paths(member.place));
    rules.set(member.rule.id, entry);
  }
  const byLevel = [...rules.values()].sort((a, b) => rank(a.level) - rank(b.level));
  const worst = (byLevel[0] as { level: Level }).level;
  // The id where the change is first seen at its worst.
  const shown = named.find((entry) => (RULES[entry.member.rule.id] as { level: Level }).level === worst) ?? first;
  const { labels, users } = operationsOf(graph, members, work);
  const reach: Reach = {
    places,
    operations: labels,
    rules: byLevel,
    first: named.slice(0, PLACES_NAMED).map(({ trail, member }) => describePlace(trail, member.found, member.rule)),
  };
  const at = location ?? (reach.first[0] as Place).location;
  const message = `${schemaLabel(at)}: ${shown.member.rule.detail} (seen at ${placesText(places, labels)})`;
  const found = change(shown.member.rule.id, labels === 1 ? (users[0] ?? null) : null, at, message);
  return { ...position, change: { ...found, usedBy: users, usedByCount: labels, reach } };
}

/** The operations a group's places are in: counted, and the first few named. */
function operationsOf(
  graph: PlaceGraph,
  members: readonly Member[],
  work: WorkCounter,
): { labels: number; users: string[] } {
  const sets = new Set<Uint32Array>();
  for (const member of members) {
    const bits = graph.reach.bits(member.place);
    if (bits !== undefined) sets.add(bits);
  }
  const name = (labels: number[]) => labels.map((label) => (graph.operations[label] as RootPlace).operation);
  // Most changes are seen from one place-node: its counts are the reach's, worked out once per set.
  if (sets.size === 1) {
    const [member] = members as [Member];
    return {
      labels: graph.reach.labels(member.place),
      users: name(graph.reach.firstLabels(member.place, USERS_SHOWN)),
    };
  }
  const bits = new Uint32Array(Math.ceil(graph.operations.length / 32));
  for (const set of sets) orInto(bits, set);
  work.take(bits.length * (sets.size + 1));
  return { labels: countBits(bits), users: name(firstBits(bits, USERS_SHOWN)) };
}
