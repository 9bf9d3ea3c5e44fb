/**
 * Every kind of change the differ reports: a stable id and a level. Ids and levels follow
 * oasdiff's checker (`checker/rules.go`: ERR → breaking, WARN → warning, INFO → info),
 * so a report reads the same as one from that tool. Where the level differs from what one
 * might expect, oasdiff's is kept and the reason is noted beside the rule.
 */
import { LEVEL_ORDER, type Level } from "./rule-level.js";
import { schemaRuleEntries } from "./schema-rules.js";

export { LEVEL_ORDER, type Level };

/** One rule of the registry: its level and what it reports, for the report and docs/rules.md. */
export interface RuleSpec {
  level: Level;
  /** What changed, in a few words. */
  description: string;
  /** Why the level is what it is, or why the id is ours, where that is not obvious. */
  note?: string;
  /** The change adds to the API (an operation, a field, a value): a minor version, where nothing breaks. */
  adds?: true;
}

/**
 * The rules named where they are found: the detection code is found by the id, which
 * appears as a literal where the change is found (`compare-*.ts`) or in the small table
 * that names a family of them (`property-rules.ts`, the deprecation and media type tables
 * of `compare-lifecycle.ts` and `compare-content.ts`). The ids of changes inside schemas
 * come from `schema-rules.ts`.
 */
const NAMED_RULES = {
  // Operations and paths.
  "endpoint-added": { level: "info", description: "an operation was added", adds: true },
  "api-path-removed-without-deprecation": {
    level: "breaking",
    description: "a path and its operations were removed without being deprecated first",
  },
  "api-path-removed-with-deprecation": {
    level: "info",
    description: "a path whose operations were deprecated was removed",
  },
  "api-removed-without-deprecation": {
    level: "breaking",
    description: "an operation was removed (its path remains) without being deprecated first",
  },
  "api-removed-with-deprecation": { level: "info", description: "a deprecated operation was removed" },
  "endpoint-deprecated": {
    level: "info",
    description: "an operation was marked deprecated",
    note: "oasdiff rates deprecation INFO: a deprecated operation still works; it is notice of a future removal.",
  },
  "endpoint-reactivated": { level: "info", description: "an operation is no longer deprecated" },
  "endpoint-deprecated-with-sunset": {
    level: "info",
    description: "an operation was marked deprecated with a date after which it may go (`x-sunset`)",
  },
  "api-deprecated-sunset-parse": {
    level: "breaking",
    description: "an operation was deprecated with an `x-sunset` that is not a date",
  },
  "api-path-sunset-parse": {
    level: "breaking",
    description: "a deprecated operation's `x-sunset` is not a date (changed, or on a removed operation)",
  },
  "sunset-deleted": { level: "breaking", description: "a deprecated operation's `x-sunset` was removed" },
  "api-removed-before-sunset": {
    level: "breaking",
    description: "a deprecated operation was removed (its path remains) before its `x-sunset` date",
  },
  "api-path-removed-before-sunset": {
    level: "breaking",
    description: "a path whose operations were deprecated was removed before their `x-sunset` date",
  },
  "api-stability-decreased": {
    level: "breaking",
    description: "an operation's `x-stability-level` went down (stable > beta > alpha > draft)",
  },
  "api-stability-increased": { level: "info", description: "an operation's `x-stability-level` went up" },
  "api-invalid-stability-level": {
    level: "breaking",
    description: "a changed operation's `x-stability-level` is not draft, alpha, beta or stable",
  },

  // Request parameters.
  "new-required-request-parameter": {
    level: "breaking",
    description: "a required query, header or cookie parameter was added",
  },
  "new-optional-request-parameter": { level: "info", description: "an optional parameter was added", adds: true },
  "new-request-path-parameter": { level: "breaking", description: "a path parameter was added" },
  "request-parameter-removed": {
    level: "warning",
    description: "a parameter was removed (clients still sending it may be rejected)",
  },
  "request-parameter-removed-with-deprecation": {
    level: "info",
    description: "a deprecated parameter was removed (after its `x-sunset`, if it had one)",
  },
  "request-parameter-removed-before-sunset": {
    level: "breaking",
    description: "a deprecated parameter was removed before its `x-sunset` date",
  },
  "request-parameter-sunset-parse": {
    level: "breaking",
    description: "a deprecated parameter's `x-sunset` is not a date (changed, or on a removed parameter)",
  },
  "request-parameter-sunset-deleted": {
    level: "breaking",
    description: "a deprecated parameter's `x-sunset` was removed",
  },
  "request-parameter-deprecated": { level: "info", description: "a parameter was marked deprecated" },
  "request-parameter-reactivated": { level: "info", description: "a parameter is no longer deprecated" },
  "request-parameter-became-required": { level: "breaking", description: "an optional parameter became required" },
  "request-parameter-became-optional": { level: "info", description: "a required parameter became optional" },

  // Request bodies.
  "request-body-added-required": { level: "breaking", description: "a required request body was added" },
  "request-body-added-optional": { level: "info", description: "an optional request body was added", adds: true },
  "request-body-became-required": { level: "breaking", description: "an optional request body became required" },
  "request-body-became-optional": { level: "info", description: "a required request body became optional" },
  "request-body-media-type-removed": { level: "breaking", description: "a request body media type was removed" },
  "request-body-media-type-added": { level: "info", description: "a request body media type was added", adds: true },
  "request-body-removed": { level: "breaking", description: "the request body was removed" },
  "request-body-without-schema-removed": {
    level: "info",
    description: "an optional request body with no schema in any media type was removed",
    note: "Ours: no client was told to send anything, so none sends what is gone; oasdiff calls it request-body-removed.",
  },
  "request-body-media-type-schema-added": {
    level: "breaking",
    description: "a schema was given to a request body media type that had none",
  },
  "request-body-media-type-schema-removed": {
    level: "info",
    description: "the schema of a request body media type was removed",
  },
  "new-required-request-property": {
    level: "breaking",
    description: "a required property was added to the request body",
  },
  "new-required-request-property-with-default": {
    level: "breaking",
    description: "a required property with a default was added to the request body",
    note: "The default is the server's; a client must still send the property.",
  },
  "request-property-became-required-with-default": {
    level: "breaking",
    description: "a request body property with a default became required",
  },
  ...propertyFlagEntries("request"),
  ...propertyDeprecationEntries("request"),
  "new-optional-request-property": {
    level: "info",
    description: "an optional property was added to the request body",
    adds: true,
  },
  "request-property-removed": { level: "warning", description: "a request body property was removed" },
  "request-property-became-required": { level: "breaking", description: "a request body property became required" },
  "request-property-became-optional": { level: "info", description: "a request body property became optional" },

  // Responses.
  "response-success-status-removed": { level: "breaking", description: "a 2xx response status was removed" },
  "response-success-status-added": { level: "info", description: "a 2xx response status was added", adds: true },
  "response-non-success-status-removed": { level: "info", description: "a non-2xx response status was removed" },
  "response-non-success-status-added": {
    level: "info",
    description: "a non-2xx response status was added",
    adds: true,
  },
  "response-media-type-removed": { level: "breaking", description: "a response media type was removed" },
  "response-media-type-added": { level: "info", description: "a response media type was added", adds: true },
  "response-media-type-name-changed": {
    level: "info",
    description: "a response media type changed its parameters (`application/json` → `application/problem+json; q=1`)",
  },
  "response-media-type-name-specialized": {
    level: "info",
    description: "a response media type became a more specific one (`application/json` → `application/problem+json`)",
  },
  "response-media-type-name-generalized": {
    level: "breaking",
    description: "a response media type became a more general one (`application/problem+json` → `application/json`)",
  },
  "response-body-media-type-schema-added": {
    level: "info",
    description: "a schema was given to a response media type that had none",
  },
  "response-body-media-type-schema-removed": {
    level: "warning",
    description: "the schema of a response media type was removed",
  },
  "response-header-added": { level: "info", description: "a response header was added", adds: true },
  "required-response-header-removed": { level: "breaking", description: "a required response header was removed" },
  "optional-response-header-removed": { level: "warning", description: "an optional response header was removed" },
  "response-header-became-optional": { level: "breaking", description: "a required response header became optional" },
  "response-required-property-removed": { level: "breaking", description: "a required response property was removed" },
  "response-optional-property-removed": { level: "warning", description: "an optional response property was removed" },
  "response-required-property-added": {
    level: "info",
    description: "a required response property was added",
    adds: true,
  },
  "response-optional-property-added": {
    level: "info",
    description: "an optional response property was added",
    adds: true,
  },
  "response-required-write-only-property-added": {
    level: "info",
    description: "a required write-only property was added to a response (never sent to clients)",
  },
  "response-optional-write-only-property-added": {
    level: "info",
    description: "an optional write-only property was added to a response (never sent to clients)",
  },
  "response-required-write-only-property-removed": {
    level: "info",
    description: "a required write-only response property was removed (clients never received it)",
  },
  "response-optional-write-only-property-removed": {
    level: "info",
    description: "an optional write-only response property was removed (clients never received it)",
  },
  "response-write-only-property-became-required": {
    level: "info",
    description: "a write-only response property became required",
  },
  "response-write-only-property-became-optional": {
    level: "info",
    description: "a write-only response property became optional",
  },
  ...propertyFlagEntries("response"),
  ...propertyDeprecationEntries("response"),
  "response-property-became-optional": {
    level: "breaking",
    description: "a required response property became optional",
  },
  "response-property-became-required": { level: "info", description: "an optional response property became required" },

  // Security (oasdiff: INFO, a deployment matter the client's credentials already reflect).
  "api-global-security-added": { level: "info", description: "a security requirement was added to the document" },
  "api-global-security-removed": {
    level: "info",
    description: "a security requirement was removed from the document",
  },
  "api-global-security-scope-added": {
    level: "info",
    description: "a scope was added to a document-wide security requirement",
  },
  "api-global-security-scope-removed": {
    level: "info",
    description: "a scope was removed from a document-wide security requirement",
  },
  "api-security-added": { level: "info", description: "a security requirement was added to an operation" },
  "api-security-removed": { level: "info", description: "a security requirement was removed from an operation" },
  "api-security-scope-added": {
    level: "info",
    description: "a scope was added to an operation's security requirement",
  },
  "api-security-scope-removed": {
    level: "info",
    description: "a scope was removed from an operation's security requirement",
  },
  "api-security-component-added": { level: "info", description: "a security scheme was added" },
  "api-security-component-removed": { level: "info", description: "a security scheme was removed" },

  // Webhooks (OpenAPI 3.1).
  "webhook-added": { level: "info", description: "a webhook was added", adds: true },
  "webhook-removed": { level: "breaking", description: "a webhook was removed" },

  // Components.
  "api-schema-added": {
    level: "info",
    description: "a component schema was added (with the operations that use it)",
    note: "oasdiff has no rule for an added schema; the id is ours, in its style.",
    adds: true,
  },
  "api-schema-removed": {
    level: "info",
    description: "a component schema was removed (with the operations that used it)",
  },

  // The document as a whole.
  "api-document-changed": {
    level: "info",
    description: "any other difference in meaning (descriptions, examples, `info.version`)",
    note: "Ours: not a client-visible change, but drift all the same, so CI can see it.",
  },
} as const satisfies Record<string, RuleSpec>;

/**
 * A property that becomes (or stops being) read-only or write-only: a notice, except a
 * required response property that stops being write-only, which clients now receive
 * without having been told to expect it (oasdiff: WARN).
 */
function propertyFlagEntries(direction: "request" | "response"): Record<string, RuleSpec> {
  const entries: Record<string, RuleSpec> = {};
  for (const required of ["required", "optional"]) {
    for (const change of ["read-only", "not-read-only", "write-only", "not-write-only"]) {
      const id = `${direction}-${required}-property-became-${change}`;
      const level = id === "response-required-property-became-not-write-only" ? "warning" : "info";
      entries[id] = { level, description: `a ${required} ${direction} property became ${change.replace("-", " ")}` };
    }
  }
  return entries;
}

/** A body property marked deprecated (with or without an `x-sunset` date), or no longer. */
function propertyDeprecationEntries(direction: "request" | "response"): Record<string, RuleSpec> {
  return {
    [`${direction}-property-deprecated`]: {
      level: "info",
      description: `a ${direction} property was marked deprecated`,
    },
    [`${direction}-property-deprecated-with-sunset`]: {
      level: "info",
      description: `a ${direction} property was marked deprecated with an \`x-sunset\` date`,
    },
    [`${direction}-property-deprecated-sunset-invalid`]: {
      level: "breaking",
      description: `a ${direction} property was marked deprecated with an \`x-sunset\` that is not a date`,
    },
    [`${direction}-property-reactivated`]: {
      level: "info",
      description: `a ${direction} property is no longer deprecated`,
    },
  };
}

/** The rules of what changes inside a schema, from the table of `schema-rules.ts`. */
function schemaRules(): Record<string, RuleSpec> {
  const rules: Record<string, RuleSpec> = {};
  for (const [id, level, rule, subject] of schemaRuleEntries()) {
    const where = {
      body: "body",
      property: "property",
      parameter: "parameter",
      "parameter-property": "parameter's property",
      header: "header",
    }[subject];
    const side = id.startsWith("request-") ? "request" : "response";
    rules[id] = {
      level,
      description: `${side} ${where}: ${rule.description}`,
      ...(rule.note ? { note: rule.note } : {}),
      ...(rule.adds ? { adds: true } : {}),
    };
  }
  return rules;
}

/**
 * The registry: one entry per rule id, named rules and the schema table together.
 * docs/rules.md is generated from it (`npm run docs`).
 */
export const RULES: Readonly<Record<string, RuleSpec>> = { ...schemaRules(), ...NAMED_RULES };

/** A rule id: a key of `RULES` (checked when a change is made). */
export type RuleId = string;
