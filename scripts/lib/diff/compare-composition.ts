import { code } from "../../../src/untrusted-text.js";
import { annotationOnly } from "./annotations.js";
import { branchName, matchBranches } from "./branches.js";
import type { AddEdge } from "./compare-properties.js";
import { ownOwner, type PairContext, type PairNode } from "./schema-graph.js";
import { isNullSchema, type SchemaView } from "./schema-view.js";

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
    const branchesOf = (view: SchemaView, resolve: (value: unknown) => unknown) =>
      (Array.isArray(view.source[keyword]) ? (view.source[keyword] as unknown[]) : []).filter(
        (branch) => !isNullSchema(resolve(branch)),
      );
    const [before, after] = [branchesOf(base, context.resolveBase), branchesOf(revision, context.resolveRevision)];
    if (keyword !== "allOf" && before.length <= 1 && after.length <= 1) continue;
    if (keyword !== "allOf" && (base.typeList || revision.typeList)) continue;
    context.work.take(before.length + after.length);
    const matches = matchBranches(before, after);
    const matched = new Set(matches);
    before.forEach((branch, index) => {
      const at = matches[index] as number;
      if (at < 0) {
        const annotation = keyword === "allOf" && annotationOnly(context.resolveBase(branch));
        node.findings.push({
          finding: `${aspect}-removed${annotation ? "-annotation-only" : ""}`,
          pointer: "",
          property: "",
          detail: `${keyword} branch ${code(branchName(branch, index))} removed`,
          owner: ownOwner(node, `/${keyword}/${index}`, true),
        });
      } else if (keyword !== "allOf") {
        edge(`/${keyword}/${at}`, "", branch, after[at]);
      }
    });
    after.forEach((branch, index) => {
      if (matched.has(index)) return;
      const annotation = keyword === "allOf" && annotationOnly(context.resolveRevision(branch));
      node.findings.push({
        finding: `${aspect}-added${annotation ? "-annotation-only" : ""}`,
        pointer: `/${keyword}/${index}`,
        property: "",
        detail: `${keyword} branch ${code(branchName(branch, index))} added`,
        owner: ownOwner(node, `/${keyword}/${index}`),
      });
    });
  }
}
