import { code } from "../../../src/untrusted-text.js";
import { isRecord } from "../document/model.js";
import { annotationOnly } from "./annotations.js";
import { canonicalJson } from "./canonical-json.js";
import type { SchemaView } from "./schema-view.js";

/** A change of one aspect of a schema: `finding` is a key of `SCHEMA_RULES` (`max-length-decreased`). */
export interface KeywordFinding {
  finding: string;
  detail: string;
  /** The keyword it is about: a keyword inherited through `allOf` is written once, and changes once. */
  keyword: string;
}

/** Numeric bounds, by the aspect that names them in rule ids. */
const BOUNDS: [aspect: string, keyword: string][] = [
  ["max-length", "maxLength"],
  ["min-length", "minLength"],
  ["max", "maximum"],
  ["min", "minimum"],
  ["exclusive-max", "exclusiveMaximum"],
  ["exclusive-min", "exclusiveMinimum"],
  ["max-items", "maxItems"],
  ["min-items", "minItems"],
  ["max-contains", "maxContains"],
  ["min-contains", "minContains"],
  ["max-properties", "maxProperties"],
  ["min-properties", "minProperties"],
];

/** Lower bounds on a count, where 0 is what no bound means: set to 0, or from 0, is no change. */
const ZERO_IS_NONE = new Set(["minLength", "minItems", "minProperties"]);

/** Keywords whose presence constrains a value: added or removed as a whole. */
const PRESENCE: [aspect: string, keyword: string][] = [
  ["if", "if"],
  ["then", "then"],
  ["else", "else"],
  ["contains", "contains"],
  ["property-names", "propertyNames"],
  ["unevaluated-items", "unevaluatedItems"],
  ["unevaluated-properties", "unevaluatedProperties"],
  ["content-schema", "contentSchema"],
  ["prefix-items", "prefixItems"],
];

/** Keywords holding a map whose entries are added or removed one by one. */
const ENTRIES: [aspect: string, keyword: string][] = [
  ["pattern-property", "patternProperties"],
  ["dependent-schema", "dependentSchemas"],
  ["dependent-required", "dependentRequired"],
];

/** Keywords whose value, changed in any way, is reported as changed. */
const CHANGED: [aspect: string, keyword: string][] = [
  ["content-encoding", "contentEncoding"],
  ["content-media-type", "contentMediaType"],
];

/** Added, removed or changed, for keywords compared by value. */
const VALUED: [aspect: string, keyword: string, findings: { added: string; removed: string; changed: string }][] = [
  ["pattern", "pattern", { added: "pattern-added", removed: "pattern-removed", changed: "pattern-changed" }],
  ["const", "const", { added: "const-added", removed: "const-removed", changed: "const-changed" }],
  [
    "default",
    "default",
    { added: "default-value-added", removed: "default-value-removed", changed: "default-value-changed" },
  ],
];

/** Patterns that accept every string: changing to one of them loosens, whatever it was. */
const MATCHES_ANYTHING = new Set([".*", "^.*$", "^.*", ".*$"]);

/** Every keyword compared here. */
const COMPARED = new Set([
  ...[...BOUNDS, ...PRESENCE, ...ENTRIES, ...CHANGED, ...VALUED].map((entry) => entry[1]),
  "x-extensible-enum",
  "discriminator",
  "additionalProperties",
]);

function mentionsCompared(keywords: Record<string, unknown>): boolean {
  for (const key in keywords) if (COMPARED.has(key)) return true;
  return false;
}

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const shown = (value: unknown) => code(canonicalJson(value));

function compareBounds(base: Record<string, unknown>, revision: Record<string, unknown>, found: KeywordFinding[]) {
  for (const [aspect, keyword] of BOUNDS) {
    const bound = (value: unknown) => (ZERO_IS_NONE.has(keyword) && value === 0 ? undefined : value);
    const [before, after] = [bound(base[keyword]), bound(revision[keyword])];
    if (finite(before) && finite(after)) {
      if (after < before)
        found.push({ finding: `${aspect}-decreased`, detail: `${keyword} ${before} → ${after}`, keyword });
      if (after > before)
        found.push({ finding: `${aspect}-increased`, detail: `${keyword} ${before} → ${after}`, keyword });
    } else if (!finite(before) && finite(after)) {
      found.push({ finding: `${aspect}-set`, detail: `${keyword} set to ${after}`, keyword });
    } else if (finite(before) && !finite(after)) {
      found.push({ finding: `${aspect}-unset`, detail: `${keyword} ${before} removed`, keyword });
    }
  }
}

function compareEntries(base: Record<string, unknown>, revision: Record<string, unknown>, found: KeywordFinding[]) {
  for (const [aspect, keyword] of ENTRIES) {
    const before = isRecord(base[keyword]) ? base[keyword] : {};
    const after = isRecord(revision[keyword]) ? revision[keyword] : {};
    // Own keys only: an entry named `toString` or `constructor` is an entry like any other.
    for (const key of Object.keys(before)) {
      if (!Object.hasOwn(after, key))
        found.push({ finding: `${aspect}-removed`, detail: `${keyword} ${code(key)} removed`, keyword });
      else if (aspect === "dependent-required" && canonicalJson(before[key]) !== canonicalJson(after[key]))
        found.push({ finding: `${aspect}-changed`, detail: `${keyword} ${code(key)} changed`, keyword });
    }
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key))
        found.push({ finding: `${aspect}-added`, detail: `${keyword} ${code(key)} added`, keyword });
    }
  }
}

function compareDiscriminator(before: unknown, after: unknown, found: KeywordFinding[]) {
  const keyword = "discriminator";
  if (!isRecord(before) && !isRecord(after)) return;
  if (!isRecord(before))
    return void found.push({ finding: "discriminator-added", detail: "discriminator added", keyword });
  if (!isRecord(after))
    return void found.push({ finding: "discriminator-removed", detail: "discriminator removed", keyword });
  if (before.propertyName !== after.propertyName) {
    found.push({
      finding: "discriminator-property-name-changed",
      detail: `discriminator property ${shown(before.propertyName)} → ${shown(after.propertyName)}`,
      keyword,
    });
  }
  const [oldMapping, newMapping] = [
    isRecord(before.mapping) ? before.mapping : {},
    isRecord(after.mapping) ? after.mapping : {},
  ];
  // Own keys only: a mapping for the value `constructor` is a mapping like any other.
  for (const [key, target] of Object.entries(oldMapping)) {
    if (!Object.hasOwn(newMapping, key))
      found.push({ finding: "discriminator-mapping-deleted", detail: `mapping ${code(key)} removed`, keyword });
    else if (newMapping[key] !== target)
      found.push({ finding: "discriminator-mapping-changed", detail: `mapping ${code(key)} changed`, keyword });
  }
  for (const key of Object.keys(newMapping)) {
    if (!Object.hasOwn(oldMapping, key))
      found.push({ finding: "discriminator-mapping-added", detail: `mapping ${code(key)} added`, keyword });
  }
}

/**
 * An object closed to the properties it declares (`additionalProperties: false`) where it
 * declared properties before and still declares every one of them: what a client built
 * from the base sends (the declared properties; a generated type has no field for any
 * other) is still valid. Only properties no client was told of are refused.
 */
function closesToDeclared(base: SchemaView, revision: SchemaView): boolean {
  if (revision.keywords.additionalProperties !== false || base.properties.size === 0) return false;
  if (base.keywords.patternProperties !== undefined) return false;
  for (const name of base.properties.keys()) if (!revision.properties.has(name)) return false;
  return true;
}

/**
 * The keyword-level changes between two views of a schema: bounds, patterns, `const`,
 * `default`, the JSON Schema 2020-12 applicators (`if`, `contains`, …), `x-extensible-enum`
 * and the discriminator. Type, nullability, enums, properties and composition are
 * compared by the schema comparer itself.
 */
export function keywordFindings(base: SchemaView, revision: SchemaView): KeywordFinding[] {
  const found: KeywordFinding[] = [];
  const [before, after] = [base.keywords, revision.keywords];
  // Most schemas carry none of these keywords: a look at their keys settles it (GitHub's description: ~40 000 pairs).
  if (!mentionsCompared(before) && !mentionsCompared(after)) return found;
  compareBounds(before, after, found);
  for (const [aspect, keyword] of PRESENCE) {
    const [had, has] = [before[keyword] !== undefined, after[keyword] !== undefined];
    if (!had && has) found.push({ finding: `${aspect}-added`, detail: `${keyword} added`, keyword });
    if (had && !has) found.push({ finding: `${aspect}-removed`, detail: `${keyword} removed`, keyword });
  }
  // Absent or `true`, any other key is allowed; `false` or a schema restricts them (a closed object, or a map's values).
  // `{}` (or a schema of annotations only) takes any value: it is `true` written another way.
  const restricts = (value: unknown) => value === false || (isRecord(value) && !annotationOnly(value));
  const [wasRestricted, isRestricted] = [restricts(before.additionalProperties), restricts(after.additionalProperties)];
  const additional = "additionalProperties";
  if (!wasRestricted && isRestricted)
    found.push(
      closesToDeclared(base, revision)
        ? {
            finding: "additional-properties-closed",
            detail: "additionalProperties: false added, every property it declared still declared",
            keyword: additional,
          }
        : { finding: "additional-properties-added", detail: "additionalProperties added", keyword: additional },
    );
  if (wasRestricted && !isRestricted)
    found.push({
      finding: "additional-properties-removed",
      detail: "additionalProperties removed",
      keyword: additional,
    });
  compareEntries(before, after, found);
  for (const [aspect, keyword] of CHANGED) {
    if (canonicalJson(before[keyword]) !== canonicalJson(after[keyword]))
      found.push({
        finding: `${aspect}-changed`,
        detail: `${keyword} ${shown(before[keyword])} → ${shown(after[keyword])}`,
        keyword,
      });
  }
  for (const [, keyword, findings] of VALUED) {
    // An empty pattern matches everything: it is no pattern.
    const present = (value: unknown) => value !== undefined && !(keyword === "pattern" && value === "");
    const [had, has] = [present(before[keyword]), present(after[keyword])];
    if (!had && has)
      found.push({ finding: findings.added, detail: `${keyword} ${shown(after[keyword])} added`, keyword });
    else if (had && !has)
      found.push({ finding: findings.removed, detail: `${keyword} ${shown(before[keyword])} removed`, keyword });
    else if (had && keyword === "pattern" && MATCHES_ANYTHING.has(after[keyword] as string))
      found.push({
        finding: "pattern-generalized",
        detail: `pattern ${shown(before[keyword])} → ${shown(after[keyword])}`,
        keyword,
      });
    else if (had && canonicalJson(before[keyword]) !== canonicalJson(after[keyword]))
      found.push({
        finding: findings.changed,
        detail: `${keyword} ${shown(before[keyword])} → ${shown(after[keyword])}`,
        keyword,
      });
  }
  const [oldExtensible, newExtensible] = [before["x-extensible-enum"], after["x-extensible-enum"]];
  if (Array.isArray(oldExtensible) && Array.isArray(newExtensible)) {
    const kept = new Set(newExtensible.map(canonicalJson));
    for (const value of oldExtensible) {
      if (!kept.has(canonicalJson(value)))
        found.push({
          finding: "x-extensible-enum-value-removed",
          detail: `x-extensible-enum value ${shown(value)} removed`,
          keyword: "x-extensible-enum",
        });
    }
  }
  compareDiscriminator(before.discriminator, after.discriminator, found);
  return found;
}
