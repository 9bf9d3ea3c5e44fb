import { isRecord } from "../document/model.js";
import { canonicalJson, withoutSetOrder } from "./canonical-json.js";

/**
 * Matching the branches of a `oneOf`, `anyOf` or `allOf` across two versions, so that a
 * branch added or removed is told from one reordered or changed inside.
 */

const refOf = (branch: unknown) => (isRecord(branch) && typeof branch.$ref === "string" ? branch.$ref : undefined);

/** Positions in order, taken from the front as they are claimed. */
interface Queue {
  items: number[];
  next: number;
}

/** Positions of `after` by a key. */
function positionsBy(after: readonly unknown[], key: (branch: unknown) => string | undefined): Map<string, Queue> {
  const positions = new Map<string, Queue>();
  after.forEach((branch, index) => {
    const found = key(branch);
    if (found === undefined) return;
    const queue = positions.get(found);
    if (queue === undefined) positions.set(found, { items: [index], next: 0 });
    else queue.items.push(index);
  });
  return positions;
}

/**
 * Which branch of the revision is which branch of the base: the same `$ref`, else inline
 * branches with the same content (so reordering is not a change), else the remaining
 * inline branches in order. Gives, for each base branch, the index of its match or -1.
 * Linear in the number of branches (by lookup, not by search), so a `oneOf` of ten
 * thousand branches matches in ten thousand steps.
 */
export function matchBranches(before: readonly unknown[], after: readonly unknown[]): number[] {
  const taken = new Uint8Array(after.length);
  const matches = before.map(() => -1);
  const claimFrom = (index: number, queue: Queue | undefined) => {
    while (queue !== undefined && queue.next < queue.items.length) {
      const at = queue.items[queue.next++] as number;
      if (taken[at] === 1) continue;
      taken[at] = 1;
      matches[index] = at;
      return;
    }
  };
  const byRef = positionsBy(after, refOf);
  before.forEach((branch, index) => {
    const ref = refOf(branch);
    if (ref !== undefined) claimFrom(index, byRef.get(ref));
  });
  const inline = (signature: (branch: unknown) => string | undefined) => (branch: unknown) =>
    refOf(branch) === undefined ? signature(branch) : undefined;
  for (const signature of [unorderedJson, titleAndProperties]) {
    const bySignature = positionsBy(after, inline(signature));
    before.forEach((branch, index) => {
      if (matches[index] !== -1 || refOf(branch) !== undefined) return;
      const mine = signature(branch);
      if (mine !== undefined) claimFrom(index, bySignature.get(mine));
    });
  }
  const remaining = { items: after.flatMap((branch, index) => (refOf(branch) === undefined ? [index] : [])), next: 0 };
  before.forEach((branch, index) => {
    if (matches[index] !== -1 || refOf(branch) !== undefined) return;
    claimFrom(index, remaining);
  });
  return matches;
}

const unordered = new WeakMap<object, string>();

/** A schema's content with the order of its set-like arrays (`required`, `enum`, …) dropped; once per object. */
function unorderedJson(schema: unknown): string {
  if (typeof schema !== "object" || schema === null) return canonicalJson(schema);
  let text = unordered.get(schema);
  if (text === undefined) {
    text = canonicalJson(withoutSetOrder(schema));
    unordered.set(schema, text);
  }
  return text;
}

/** What names a branch that changed inside: its title, or its type and property names; undefined if it has neither. */
function titleAndProperties(schema: unknown): string | undefined {
  if (!isRecord(schema)) return undefined;
  if (typeof schema.title === "string") return `title:${schema.title}`;
  if (!isRecord(schema.properties)) return undefined;
  return `properties:${String(schema.type)}:${Object.keys(schema.properties).sort().join(",")}`;
}

/** A branch as named in messages: its `$ref`, or its position. */
export function branchName(branch: unknown, index: number): string {
  return isRecord(branch) && typeof branch.$ref === "string" ? branch.$ref : `#${index}`;
}
