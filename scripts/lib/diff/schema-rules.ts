/**
 * The rules for what changes inside a schema, as a table. A schema comparison finds a
 * change of one aspect of a schema (`max-length` `decreased`, `one-of` `added`); which
 * rule that is, and its level, depends on where the schema is (the direction data flows,
 * and whether it is a body, a property, a parameter or a property inside a parameter) and
 * is looked up here, never chosen in the comparison code.
 *
 * Ids are `<direction>-<subject>-<aspect>-<outcome>` (`request-body-max-length-decreased`),
 * which is how oasdiff's checker names these rules; levels are oasdiff's (`checker/rules.go`).
 * Only the combinations oasdiff has are listed (plus `additional-properties-*`, ours, noted):
 * a finding with no rule for its place is not reported on its own (it still makes the
 * document differ).
 */
import type { Level } from "./rule-level.js";

export type FlowDirection = "request" | "response";
/** Where in an operation a schema is; a response header's schema is a value of its own. */
export type Subject = "body" | "property" | "parameter" | "parameter-property" | "header";

/** `breaking`, `warning`, `info` by subject; a direction with no entry has no rule. */
type BySubject = Partial<Record<Subject, Level>>;

export interface SchemaRule {
  /** What changed, for docs/rules.md: "`maxLength` decreased". */
  description: string;
  request?: BySubject;
  response?: BySubject;
  /** Why the level is what it is, where that is not obvious. */
  note?: string;
  /** The change adds to the API (a minor version, where nothing breaks). */
  adds?: true;
}

const B = "breaking" as const;
const W = "warning" as const;
const I = "info" as const;

/** Every subject of a request but a property inside a parameter, at one level. */
const bodyPropertyParameter = (level: Level): BySubject => ({ body: level, property: level, parameter: level });
const bodyProperty = (level: Level): BySubject => ({ body: level, property: level });

const PARAMETER_ONLY = (level: Level): BySubject => ({ parameter: level });
const WORDS: Record<string, string> = {
  increased: "increased",
  decreased: "decreased",
  set: "set where there was none",
  unset: "removed",
};

/**
 * A numeric bound (`maxLength`, `minimum`, …): tightened in a request it refuses values a
 * client sent; loosened in a response it lets through values a client never expected.
 * Which outcomes and places have a rule is oasdiff's choice, given outcome by outcome.
 */
function bound(
  keyword: string,
  outcomes: Record<string, { request?: BySubject; response?: BySubject }>,
): Record<string, SchemaRule> {
  return Object.fromEntries(
    Object.entries(outcomes).map(([outcome, places]) => [
      outcome,
      { description: `\`${keyword}\` ${WORDS[outcome] ?? outcome}`, ...places },
    ]),
  );
}

/**
 * A keyword that constrains what is valid (`if`, `contains`, `propertyNames`, …): added to
 * a request it may refuse what a client sends; removed from a response, a client may get
 * what it never expected.
 */
function constraint(keyword: string, added = "added", removed = "removed"): Record<string, SchemaRule> {
  return {
    [added]: { description: `\`${keyword}\` added`, request: bodyProperty(B), response: bodyProperty(I) },
    [removed]: { description: `\`${keyword}\` removed`, request: bodyProperty(I), response: bodyProperty(B) },
  };
}

/** The same note on every outcome. */
function withNote(outcomes: Record<string, SchemaRule>, note: string): Record<string, SchemaRule> {
  return Object.fromEntries(Object.entries(outcomes).map(([outcome, rule]) => [outcome, { ...rule, note }]));
}

/** Prefixes each outcome with the aspect: `{ decreased }` of `max-length` → `max-length-decreased`. */
function aspect(name: string, outcomes: Record<string, SchemaRule>): Record<string, SchemaRule> {
  return Object.fromEntries(Object.entries(outcomes).map(([outcome, rule]) => [`${name}-${outcome}`, rule]));
}

/** By finding (`<aspect>-<outcome>`). */
export const SCHEMA_RULES: Record<string, SchemaRule> = {
  "type-changed": {
    description: "the type (or `format`) changed",
    request: { body: B, property: B, parameter: B, "parameter-property": W },
    response: { ...bodyProperty(B), header: B },
    note: "A `format` change counts as a type change, as in oasdiff.",
  },
  "type-generalized": {
    description: "the type widened (`integer` → `number`)",
    request: { body: I, property: I, parameter: I, "parameter-property": I },
    response: { ...bodyProperty(B), header: B },
  },
  "type-specialized": {
    description: "the type narrowed (`number` → `integer`)",
    request: { "parameter-property": B },
    response: { ...bodyProperty(I), header: I },
  },
  "type-compatible": {
    description: "the type changed in a way a media type that is not JSON absorbs (an object read as a string)",
    request: bodyProperty(I),
    response: bodyProperty(I),
    note: "oasdiff's exception for loosely typed media types (XML, form data); JSON is never loosely typed.",
  },
  "list-of-types-widened": {
    description: "a type was added to a list of types",
    request: { body: I, property: I, parameter: I, "parameter-property": I },
    response: bodyProperty(B),
  },
  "list-of-types-narrowed": {
    description: "a type was removed from a list of types",
    request: { body: B, property: B, parameter: B, "parameter-property": B },
    response: bodyProperty(I),
  },
  "became-nullable": {
    description: "now accepts null (3.0 `nullable`, a 3.1 `null` type, or a `null` branch)",
    request: { body: I, property: I, parameter: I, "parameter-property": I },
    response: { ...bodyProperty(B), header: B },
  },
  "became-not-nullable": {
    description: "no longer accepts null",
    request: { body: B, property: B, parameter: B, "parameter-property": B },
    response: { ...bodyProperty(I), header: I },
  },
  "became-enum": {
    description: "now restricted to an `enum`",
    request: { body: B, property: B, parameter: B },
  },
  "enum-value-removed": {
    description: "a value was removed from an `enum`",
    request: { body: B, property: B, parameter: B, "parameter-property": B },
    response: { property: I },
  },
  "enum-value-added": {
    description: "a value was added to an `enum`",
    request: { property: I, parameter: I, "parameter-property": I },
    response: { property: W },
    note: "In a response, a client with an exhaustive switch over the enum may not handle the new value.",
    adds: true,
  },
  "x-extensible-enum-value-removed": {
    description: "a value was removed from an `x-extensible-enum`",
    request: { property: B, parameter: B },
  },
  ...aspect(
    "max-length",
    bound("maxLength", {
      decreased: { request: bodyPropertyParameter(B) },
      increased: { request: bodyPropertyParameter(I), response: bodyProperty(B) },
      set: { request: bodyPropertyParameter(W) },
      unset: { response: bodyProperty(B) },
    }),
  ),
  ...aspect(
    "min-length",
    bound("minLength", {
      increased: { request: bodyPropertyParameter(B) },
      decreased: { request: bodyPropertyParameter(I), response: bodyProperty(B) },
    }),
  ),
  ...aspect(
    "min-length",
    withNote(
      bound("minLength", { set: { request: bodyPropertyParameter(B) } }),
      "Ours (oasdiff has no rule for it): a lower bound where there was none (above 0) refuses what a client sent, as a raised one does.",
    ),
  ),
  ...aspect(
    "max",
    bound("maximum", {
      decreased: { request: bodyPropertyParameter(B) },
      increased: { request: bodyPropertyParameter(I), response: bodyProperty(B) },
      set: { request: bodyPropertyParameter(W) },
    }),
  ),
  ...aspect(
    "min",
    bound("minimum", {
      increased: { request: bodyPropertyParameter(B) },
      decreased: { request: bodyPropertyParameter(I), response: bodyProperty(B) },
      set: { request: bodyPropertyParameter(W) },
    }),
  ),
  ...aspect(
    "exclusive-max",
    bound("exclusiveMaximum", {
      decreased: { request: bodyPropertyParameter(B) },
      increased: { request: bodyPropertyParameter(I), response: bodyProperty(B) },
      set: { request: bodyPropertyParameter(W) },
    }),
  ),
  ...aspect(
    "exclusive-min",
    bound("exclusiveMinimum", {
      increased: { request: bodyPropertyParameter(B) },
      decreased: { request: bodyPropertyParameter(I), response: bodyProperty(B) },
      set: { request: bodyPropertyParameter(W) },
    }),
  ),
  ...aspect(
    "max-items",
    withNote(
      bound("maxItems", {
        decreased: { request: bodyPropertyParameter(B) },
        increased: { request: bodyPropertyParameter(I), response: bodyProperty(B) },
        set: { request: bodyPropertyParameter(B) },
        unset: { response: bodyProperty(B) },
      }),
      "Ours where oasdiff has no rule (it has `maxItems` decreased and increased for parameters only): an upper bound on a request array, new or lowered, refuses what a client sent; loosened in a response, a client may get more than it expected.",
    ),
  ),
  ...aspect(
    "min-properties",
    withNote(
      bound("minProperties", {
        increased: { request: bodyProperty(B) },
        decreased: { request: bodyProperty(I), response: bodyProperty(B) },
        set: { request: bodyProperty(B) },
        unset: { response: bodyProperty(B) },
      }),
      "Ours (oasdiff has no `minProperties` rules), rated like `minItems`; a bound set above 0 like one raised.",
    ),
  ),
  ...aspect(
    "max-properties",
    withNote(
      bound("maxProperties", {
        decreased: { request: bodyProperty(B) },
        increased: { request: bodyProperty(I), response: bodyProperty(B) },
        set: { request: bodyProperty(B) },
        unset: { response: bodyProperty(B) },
      }),
      "Ours (oasdiff has no `maxProperties` rules), rated like `maxItems`.",
    ),
  ),
  ...aspect(
    "min-items",
    bound("minItems", {
      increased: { request: bodyPropertyParameter(B) },
      decreased: { request: PARAMETER_ONLY(I), response: bodyProperty(B) },
      set: { request: bodyPropertyParameter(W) },
      unset: { response: bodyProperty(B) },
    }),
  ),
  ...aspect(
    "max-contains",
    bound("maxContains", {
      decreased: { request: bodyProperty(B), response: bodyProperty(I) },
      increased: { request: bodyProperty(I), response: bodyProperty(B) },
    }),
  ),
  ...aspect(
    "min-contains",
    bound("minContains", {
      increased: { request: bodyProperty(B), response: bodyProperty(I) },
      decreased: { request: bodyProperty(I), response: bodyProperty(B) },
    }),
  ),
  "pattern-added": {
    description: "a `pattern` was added",
    request: { property: B, parameter: B },
    response: { property: I },
  },
  "pattern-changed": {
    description: "the `pattern` changed",
    request: { property: W, parameter: W },
    response: { property: I },
    note: "oasdiff cannot tell whether a new pattern accepts less, so it warns.",
  },
  "pattern-generalized": {
    description: "the `pattern` became one that accepts any string (`.*`)",
    request: { property: I, parameter: I },
  },
  "pattern-removed": {
    description: "the `pattern` was removed",
    request: { property: I, parameter: I },
    response: { property: I },
  },
  "const-added": { description: "a `const` was added", request: bodyProperty(B), response: bodyProperty(I) },
  "const-changed": { description: "the `const` changed", request: bodyProperty(B), response: bodyProperty(B) },
  "const-removed": { description: "the `const` was removed", request: bodyProperty(I), response: bodyProperty(B) },
  "default-value-added": {
    description: "a `default` was added",
    request: { body: I, property: I, parameter: B },
    response: bodyProperty(I),
    note: "A parameter's default is what the server assumes when a client sends nothing: changing it changes behaviour.",
  },
  "default-value-changed": {
    description: "the `default` changed",
    request: { body: I, property: I, parameter: B },
    response: bodyProperty(I),
  },
  "default-value-removed": {
    description: "the `default` was removed",
    request: { body: I, property: I, parameter: B },
    response: bodyProperty(I),
  },
  ...aspect("if", constraint("if")),
  ...aspect("then", constraint("then")),
  ...aspect("else", constraint("else")),
  ...aspect("contains", constraint("contains")),
  ...aspect("property-names", constraint("propertyNames")),
  ...aspect("unevaluated-items", constraint("unevaluatedItems")),
  ...aspect("unevaluated-properties", constraint("unevaluatedProperties")),
  ...aspect("content-schema", constraint("contentSchema")),
  ...aspect("pattern-property", constraint("a `patternProperties` entry")),
  ...aspect(
    "additional-properties",
    withNote(
      constraint("additionalProperties"),
      "Ours, in oasdiff's style (oasdiff has no rule for it): a closed object or a map's value schema, like any constraint, breaks a request when added and a response when removed; a changed value schema is compared inside.",
    ),
  ),
  "additional-properties-closed": {
    description:
      "`additionalProperties: false` added to an object that keeps every property it declared (only undeclared ones are refused)",
    request: bodyProperty(I),
    response: bodyProperty(I),
    note: "Ours: what a client built from the base sends (the declared properties) is still valid; oasdiff has no rule for `additionalProperties`.",
  },
  ...aspect("dependent-schema", constraint("a `dependentSchemas` entry")),
  ...aspect("dependent-required", constraint("a `dependentRequired` entry")),
  "dependent-required-changed": {
    description: "a `dependentRequired` entry changed",
    request: bodyProperty(B),
    response: bodyProperty(B),
  },
  "prefix-items-added": {
    description: "`prefixItems` added",
    request: bodyProperty(I),
    response: bodyProperty(B),
    note: "oasdiff's levels: a tuple shape where there was none is new to a response reader; dropped from a request, values once refused are let in.",
  },
  "prefix-items-removed": { description: "`prefixItems` removed", request: bodyProperty(B), response: bodyProperty(I) },
  "content-encoding-changed": {
    description: "`contentEncoding` changed",
    request: bodyProperty(B),
    response: bodyProperty(B),
  },
  "content-media-type-changed": {
    description: "`contentMediaType` changed",
    request: bodyProperty(B),
    response: bodyProperty(B),
  },
  "discriminator-added": {
    description: "a `discriminator` was added",
    request: bodyProperty(I),
    response: bodyProperty(I),
  },
  "discriminator-removed": {
    description: "the `discriminator` was removed",
    request: bodyProperty(I),
    response: bodyProperty(I),
  },
  "discriminator-property-name-changed": {
    description: "the discriminator's `propertyName` changed",
    request: bodyProperty(I),
    response: bodyProperty(I),
  },
  "discriminator-mapping-added": {
    description: "a discriminator mapping was added",
    request: bodyProperty(I),
    response: bodyProperty(I),
  },
  "discriminator-mapping-deleted": {
    description: "a discriminator mapping was removed",
    request: bodyProperty(I),
    response: bodyProperty(I),
  },
  "discriminator-mapping-changed": {
    description: "a discriminator mapping changed",
    request: bodyProperty(I),
    response: bodyProperty(I),
  },
  "one-of-added": { description: "a `oneOf` branch was added", request: bodyProperty(I), response: bodyProperty(B) },
  "one-of-removed": {
    description: "a `oneOf` branch was removed",
    request: bodyProperty(B),
    response: bodyProperty(I),
  },
  "one-of-folded": {
    description: "a `oneOf` branch was removed whose values another branch (or the schema) still takes",
    request: bodyProperty(I),
    response: bodyProperty(I),
    note: "Ours: judged by the values the branches take (a client's values, with only the properties they declare); the values are still accepted, so no request breaks.",
  },
  "one-of-covered": {
    description: "a `oneOf` branch was added whose values another branch already took",
    request: bodyProperty(I),
    response: bodyProperty(I),
    note: "Ours: nothing a client did not already handle can arrive.",
  },
  "any-of-folded": {
    description: "an `anyOf` branch was removed whose values another branch (or the schema) still takes",
    request: bodyProperty(I),
    response: bodyProperty(I),
    note: "Ours, as `one-of-folded`.",
  },
  "any-of-covered": {
    description: "an `anyOf` branch was added whose values another branch already took",
    request: bodyProperty(I),
    response: bodyProperty(I),
    note: "Ours, as `one-of-covered`.",
  },
  "any-of-added": { description: "an `anyOf` branch was added", request: bodyProperty(I), response: bodyProperty(I) },
  "any-of-removed": {
    description: "an `anyOf` branch was removed",
    request: bodyProperty(B),
    response: bodyProperty(I),
  },
  "all-of-added": {
    description: "an `allOf` branch was added",
    request: bodyProperty(B),
    response: bodyProperty(I),
  },
  "all-of-removed": {
    description: "an `allOf` branch was removed",
    request: bodyProperty(W),
    response: bodyProperty(I),
  },
  "all-of-added-annotation-only": {
    description: "an `allOf` branch of annotations only (no constraint) was added",
    request: bodyProperty(I),
    response: bodyProperty(I),
  },
  "all-of-removed-annotation-only": {
    description: "an `allOf` branch of annotations only was removed",
    request: bodyProperty(I),
    response: bodyProperty(I),
  },
  "wrapped-in-one-of": {
    description: "the schema became one branch of a `oneOf`",
    request: { body: B },
    response: { body: B },
  },
};

/** A finding's place: how its id is spelled. */
export function schemaRuleId(direction: FlowDirection, subject: Subject, finding: string): string {
  return `${direction}-${subject}-${finding}`;
}

/** A finding with no rule of its own at its place is reported as the more general one. */
const FALLBACK: Record<string, string> = {
  "type-generalized": "type-changed",
  "type-specialized": "type-changed",
  "list-of-types-widened": "type-changed",
  "list-of-types-narrowed": "type-changed",
};

/**
 * The rule of a finding at a place, or undefined when oasdiff has none there. A finding
 * at a body's root with no body rule takes the property rule (as the differ always did);
 * one with no rule at all at its place takes its more general finding's (`FALLBACK`).
 */
export function ruleForFinding(direction: FlowDirection, subject: Subject, finding: string): string | undefined {
  const levels = SCHEMA_RULES[finding]?.[direction] ?? {};
  if (levels[subject] !== undefined) return schemaRuleId(direction, subject, finding);
  if (subject === "body" && levels.property !== undefined) return schemaRuleId(direction, "property", finding);
  const general = FALLBACK[finding];
  return general === undefined ? undefined : ruleForFinding(direction, subject, general);
}

/** Every id the table defines, with its level and description, for the registry. */
export function schemaRuleEntries(): [id: string, level: Level, rule: SchemaRule, subject: Subject][] {
  const entries: [string, Level, SchemaRule, Subject][] = [];
  for (const [finding, rule] of Object.entries(SCHEMA_RULES)) {
    for (const direction of ["request", "response"] as const) {
      for (const [subject, level] of Object.entries(rule[direction] ?? {}) as [Subject, Level][]) {
        entries.push([schemaRuleId(direction, subject, finding), level, rule, subject]);
      }
    }
  }
  return entries;
}
