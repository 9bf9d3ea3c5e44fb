import { code } from "../../../src/untrusted-text.js";
import { isRecord } from "../document/model.js";
import { ANNOTATIONS, annotationOnly } from "./annotations.js";
import { branchValues, isNullSchema } from "./branch-values.js";
import { branchName, matchBranches } from "./branches.js";
import { canonicalJson } from "./canonical-json.js";
import type { AddEdge } from "./compare-properties.js";
import { ownOwner, type PairContext, type PairNode } from "./schema-graph.js";
import type { SchemaView } from "./schema-view.js";

const ASPECTS = { oneOf: "one-of", anyOf: "any-of", allOf: "all-of" } as const;

/**
 * `oneOf`, `anyOf` and `allOf` branches added and removed, matched by `$ref` (inline ones
 * by content, then by position), and edges to the branches both versions have. A `null`
 * branch is nullability, and a lone other branch is that schema, so neither counts as a
 * branch.
 */
export function compareComposition(node: PairNode, context: PairContext, edge: AddEdge): void {
  const { base, revision } = node;
  for (const keyword of ["oneOf", "anyOf", "allOf"] as const) {
    const aspect = ASPECTS[keyword];
    // Judged by their values: one-value branches are an enum (compared as one), empty lists
    // and branches another takes whole are none (`branch-values.ts`).
    const judged = (view: SchemaView, resolve: (value: unknown) => unknown) =>
      keyword === "allOf"
        ? {
            branches: (Array.isArray(view.source.allOf) ? (view.source.allOf as unknown[]) : []).filter(
              (branch) => !isNullSchema(resolve(branch)),
            ),
            values: undefined,
          }
        : branchValues(view.source[keyword], resolve);
    const [old, now] = [judged(base, context.resolveBase), judged(revision, context.resolveRevision)];
    if (old.values !== undefined || now.values !== undefined) continue;
    const [before, after] = [old.branches, now.branches];
    if (keyword !== "allOf" && before.length <= 1 && after.length <= 1) continue;
    if (keyword !== "allOf" && (base.typeList || revision.typeList)) continue;
    context.work.take(before.length + after.length);
    const matches = matchBranches(before, after);
    const matched = new Set(matches);
    // Worked out only when a branch is left without a match.
    let judgement: ReturnType<typeof branchJudge> | undefined;
    const judge =
      keyword === "allOf"
        ? undefined
        : {
            folded: (branch: unknown) => {
              judgement ??= branchJudge(node, context, keyword, before, after, matches);
              return judgement.folded(branch);
            },
            covered: (branch: unknown) => {
              judgement ??= branchJudge(node, context, keyword, before, after, matches);
              return judgement.covered(branch);
            },
          };
    before.forEach((branch, index) => {
      const at = matches[index] as number;
      if (at < 0) {
        const annotation = keyword === "allOf" && annotationOnly(context.resolveBase(branch));
        const outcome = judge?.folded(branch) ? "folded" : `removed${annotation ? "-annotation-only" : ""}`;
        node.findings.push({
          finding: `${aspect}-${outcome}`,
          pointer: "",
          property: "",
          detail: `${keyword} branch ${code(branchName(branch, index))} removed${outcome === "folded" ? " (another branch takes all its values)" : ""}`,
          owner: ownOwner(node, `/${keyword}/${index}`, true),
        });
      } else if (keyword !== "allOf") {
        edge(`/${keyword}/${at}`, "", branch, after[at]);
      }
    });
    after.forEach((branch, index) => {
      if (matched.has(index)) return;
      const annotation = keyword === "allOf" && annotationOnly(context.resolveRevision(branch));
      const outcome = judge?.covered(branch) ? "covered" : `added${annotation ? "-annotation-only" : ""}`;
      node.findings.push({
        finding: `${aspect}-${outcome}`,
        pointer: `/${keyword}/${index}`,
        property: "",
        detail: `${keyword} branch ${code(branchName(branch, index))} added${outcome === "covered" ? " (its values were all taken already)" : ""}`,
        owner: ownOwner(node, `/${keyword}/${index}`),
      });
    });
  }
}

/** Keywords a branch may hold and still only constrain the object its schema describes. */
const CONSTRAINTS = new Set(["required", "minProperties", "maxProperties", "dependentRequired"]);

/**
 * A branch that only constrains its parent (`{required: [id]}`): it refers to nothing, so
 * it means the same in either document, under either version of the parent.
 */
function constraintOnly(branch: unknown): branch is Record<string, unknown> {
  return (
    isRecord(branch) &&
    Object.keys(branch).every((key) => CONSTRAINTS.has(key) || ANNOTATIONS.has(key) || key.startsWith("x-"))
  );
}

/** A schema that is only its branches: no type, properties or enum of its own to add to them. */
function unionOnly(view: SchemaView): boolean {
  return (
    view.alternatives.length > 0 &&
    view.types.length === 0 &&
    view.properties.size === 0 &&
    view.enumValues === undefined
  );
}

/**
 * Branches of one shape: they declare the same properties. A branch that declares fewer
 * is another kind of thing (a `Rabbit` beside a `Dog` that also has a breed), even where
 * the other's open object would take it.
 */
function sameShape(wide: SchemaView, narrow: SchemaView): boolean {
  if (wide.properties.size !== narrow.properties.size) return false;
  for (const name of narrow.properties.keys()) if (!wide.properties.has(name)) return false;
  return true;
}

/** A schema with one branch of `keyword` in place of all of them: the parent's constraints and the branch's. */
function withBranch(view: SchemaView, keyword: string, branch: unknown): Record<string, unknown> {
  const parent: Record<string, unknown> = { ...view.source };
  delete parent[keyword];
  return { ...parent, allOf: [...(Array.isArray(parent.allOf) ? parent.allOf : []), branch] };
}

/**
 * Branches judged by their values (`schema-contains.ts`): a branch removed whose values a
 * branch of the revision (or the revision, with no branches left) still takes was folded
 * into it; a branch added whose values a branch of the base took was covered already.
 * Only a branch that changed, or has no counterpart, can take another in: one that is
 * the same in both versions was there beside it all along, a distinct alternative the
 * document listed, and its sibling's going is reported as oasdiff reports it.
 */
function branchJudge(
  node: PairNode,
  context: PairContext,
  keyword: "oneOf" | "anyOf",
  before: readonly unknown[],
  after: readonly unknown[],
  matches: readonly number[],
): { folded(branch: unknown): boolean; covered(branch: unknown): boolean } {
  const sides = {
    base: { view: node.base, views: context.baseViews, resolve: context.resolveBase, branches: before },
    revision: { view: node.revision, views: context.revisionViews, resolve: context.resolveRevision, branches: after },
  };
  type Side = keyof typeof sides;
  const unchanged = { base: new Set<number>(), revision: new Set<number>() };
  matches.forEach((at, index) => {
    if (at < 0) return;
    const same =
      canonicalJson(context.resolveBase(before[index])) === canonicalJson(context.resolveRevision(after[at]));
    if (same) {
      unchanged.base.add(index);
      unchanged.revision.add(at);
    }
  });
  const candidates = (side: Side) => {
    const { view, views, branches } = sides[side];
    // With no branches of this keyword left, the schema itself; a union of another spelling (the
    // branches moved into a referenced `anyOf`) by its branches, when it adds nothing to them.
    if (branches.length === 0) return unionOnly(view) ? view.alternatives.map((branch) => views.view(branch)) : [view];
    return branches.flatMap((branch, index) =>
      unchanged[side].has(index) ? [] : [views.view(withBranch(view, keyword, branch))],
    );
  };
  /** Whether `wideSide` takes every value of a branch of `from`, the branch put under `narrowSide`'s parent. */
  const taken = (branch: unknown, from: Side, wideSide: Side) => {
    const resolved = sides[from].resolve(branch);
    // A branch that only constrains is judged under the other side's parent: the parent's own change is its own finding.
    const narrowSide: Side = constraintOnly(resolved) ? wideSide : from;
    const narrow = sides[narrowSide].views.view(
      withBranch(sides[narrowSide].view, keyword, narrowSide === from ? branch : resolved),
    );
    const coverage = context.coverage(wideSide, narrowSide);
    return candidates(wideSide).some((wide) => sameShape(wide, narrow) && coverage.covers(wide, narrow));
  };
  return {
    folded: (branch) => taken(branch, "base", "revision"),
    covered: (branch) => taken(branch, "revision", "base"),
  };
}
