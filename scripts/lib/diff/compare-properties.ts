import { code } from "../../../src/untrusted-text.js";
import { sunsetState } from "./compare-lifecycle.js";
import { type PropertyFacts, propertyDeprecationRule, propertyFlagRules, propertyRule } from "./property-rules.js";
import type { Owner, PairContext, PairNode } from "./schema-graph.js";
import { propertyPointer } from "./schema-graph.js";
import type { SchemaView, SchemaViewer } from "./schema-view.js";

/** Properties named at the most in one finding about several; the rest are counted. */
const NAMES_SHOWN = 10;

/** Adds an edge from the pair being compared to the pair of two raw schemas inside it. */
export type AddEdge = (pointer: string, property: string, base: unknown, revision: unknown) => void;

function facts(object: SchemaView, views: SchemaViewer, name: string): PropertyFacts {
  const keywords = views.view(object.properties.get(name)).keywords;
  return {
    required: object.required.has(name),
    readOnly: keywords.readOnly === true,
    writeOnly: keywords.writeOnly === true,
    hasDefault: keywords.default !== undefined,
    deprecated: keywords.deprecated === true,
    sunset: sunsetState(keywords["x-sunset"]),
  };
}

/**
 * A property's change belongs to the property as written: one inherited through `allOf`
 * by many schemas is one property, so its change is one change.
 */
function propertyOwner(node: PairNode, name: string): Owner {
  const [before, after] = [node.base.properties.get(name), node.revision.properties.get(name)];
  const object = (value: unknown) => (typeof value === "object" && value !== null ? value : undefined);
  if (object(before) !== undefined || object(after) !== undefined)
    return { base: object(before), revision: object(after), pointer: "" };
  return containerOwner(node, name);
}

/** Whether a property is required is said by the schema that holds it: the change belongs to that schema. */
function containerOwner(node: PairNode, name: string): Owner {
  return { base: node.base.source, revision: node.revision.source, pointer: propertyPointer(name) };
}

/** Properties added, removed, made (not) required or (not) read-/write-only, and the pairs of those both have. */
export function compareProperties(
  node: PairNode,
  context: PairContext,
  direction: "request" | "response",
  edge: AddEdge,
): void {
  const { base, revision } = node;
  const addRule = (rule: string | undefined, detail: string, name: string, owner = propertyOwner(node, name)) => {
    if (rule === undefined) return;
    node.findings.push({ rule, pointer: propertyPointer(name), property: name, detail, owner });
  };
  // Properties made required or optional together are one edit of the `required` list: one finding per rule.
  const requiredChanges = new Map<string, string[]>();
  const requiredChange = (rule: string | undefined, name: string) => {
    if (rule === undefined) return;
    const names = requiredChanges.get(rule);
    if (names === undefined) requiredChanges.set(rule, [name]);
    else names.push(name);
  };
  context.work.take(base.properties.size + revision.properties.size);
  for (const [name, baseProperty] of base.properties) {
    const before = facts(base, context.baseViews, name);
    const revisionProperty = revision.properties.get(name);
    if (revisionProperty === undefined) {
      addRule(
        propertyRule(direction, "removed", before),
        `removed (it was ${before.required ? "required" : "optional"})`,
        name,
      );
      continue;
    }
    const after = facts(revision, context.revisionViews, name);
    if (before.required && !after.required) requiredChange(propertyRule(direction, "becameOptional", after), name);
    if (!before.required && after.required) requiredChange(propertyRule(direction, "becameRequired", after), name);
    const deprecation = propertyDeprecationRule(direction, before, after);
    addRule(deprecation, deprecation?.replace(/^(request|response)-property-/, "").replace(/-/g, " ") ?? "", name);
    for (const rule of propertyFlagRules(direction, after.required, before, after)) {
      addRule(rule, rule.replace(/^.*-became-/, "became ").replace(/-/g, " "), name);
    }
    edge(propertyPointer(name), name, baseProperty, revisionProperty);
  }
  for (const name of revision.properties.keys()) {
    if (base.properties.has(name)) continue;
    const after = facts(revision, context.revisionViews, name);
    addRule(propertyRule(direction, "added", after), after.required ? "added (required)" : "added (optional)", name);
  }
  for (const [rule, names] of requiredChanges) {
    const became = rule.endsWith("optional") ? "became optional" : "became required";
    const [first] = names as [string];
    if (names.length === 1) {
      addRule(rule, became, first, containerOwner(node, first));
      continue;
    }
    const shown = names.slice(0, NAMES_SHOWN).map(code).join(", ");
    const more = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : "";
    node.findings.push({
      rule,
      pointer: "/required",
      property: "",
      detail: `properties ${shown}${more} ${became} (${names.length})`,
      owner: { base: node.base.source, revision: node.revision.source, pointer: "/required" },
    });
  }
}
