import { isRecord } from "../document/model.js";
import { canonicalJson, withoutSetOrder } from "./canonical-json.js";

/**
 * Matching the branches of a `oneOf`, `anyOf` or `allOf` across two versions, so that a
 * branch added or removed is told from one reordered or changed inside.
 */

/**
 * Which branch of the revision is which branch of the base: the same `$ref`, else inline
 * branches with the same content (so reordering is not a change), else the remaining
 * inline branches in order. Gives, for each base branch, the index of its match or -1.
 */
export function matchBranches(before: readonly unknown[], after: readonly unknown[]): number[] {
  const refOf = (branch: unknown) => (isRecord(branch) && typeof branch.$ref === "string" ? branch.$ref : undefined);
  const taken = new Set<number>();
  const matches = before.map(() => -1);
  const claim = (index: number, test: (candidate: unknown) => boolean) => {
    const at = after.findIndex((candidate, position) => !taken.has(position) && test(candidate));
    if (at >= 0) {
      taken.add(at);
      matches[index] = at;
    }
  };
  before.forEach((branch, index) => {
    const ref = refOf(branch);
    if (ref !== undefined) claim(index, (candidate) => refOf(candidate) === ref);
  });
  for (const signature of [unorderedJson, titleAndProperties]) {
    before.forEach((branch, index) => {
      if (matches[index] !== -1 || refOf(branch) !== undefined) return;
      const mine = signature(branch);
      if (mine !== undefined)
        claim(index, (candidate) => refOf(candidate) === undefined && signature(candidate) === mine);
    });
  }
  before.forEach((branch, index) => {
    if (matches[index] !== -1 || refOf(branch) !== undefined) return;
    claim(index, (candidate) => refOf(candidate) === undefined);
  });
  return matches;
}

/** A schema's content with the order of its set-like arrays (`required`, `enum`, …) dropped. */
function unorderedJson(schema: unknown): string {
  return canonicalJson(withoutSetOrder(schema));
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
