/**
 * Every kind of change the differ reports: a stable id and a level. Ids and levels follow
 * oasdiff's checker (`checker/rules.go`: ERR → breaking, WARN → warning, INFO → info),
 * so a report reads the same as one from that tool. Where the level differs from what one
 * might expect, oasdiff's is kept and the reason is noted beside the rule.
 */
export type Level = "breaking" | "warning" | "info";

export const LEVEL_ORDER: readonly Level[] = ["breaking", "warning", "info"];

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
 * The registry: one entry per rule id. The detection code is found by the id, which
 * appears as a literal exactly where the change is found (`compare-*.ts`); docs/rules.md
 * is generated from this table (`npm run docs`).
 */
export const RULES = {
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
  "request-parameter-became-required": { level: "breaking", description: "an optional parameter became required" },
  "request-parameter-became-optional": { level: "info", description: "a required parameter became optional" },
  "request-parameter-type-changed": { level: "breaking", description: "a parameter's type changed" },
  "request-parameter-enum-value-removed": {
    level: "breaking",
    description: "a value was removed from a parameter's enum",
  },
  "request-parameter-enum-value-added": {
    level: "info",
    description: "a value was added to a parameter's enum",
    adds: true,
  },

  // Request bodies.
  "request-body-added-required": { level: "breaking", description: "a required request body was added" },
  "request-body-added-optional": { level: "info", description: "an optional request body was added", adds: true },
  "request-body-became-required": { level: "breaking", description: "an optional request body became required" },
  "request-body-became-optional": { level: "info", description: "a required request body became optional" },
  "request-body-media-type-removed": { level: "breaking", description: "a request body media type was removed" },
  "request-body-media-type-added": { level: "info", description: "a request body media type was added", adds: true },
  "request-body-became-nullable": { level: "info", description: "the request body now accepts null" },
  "request-body-became-not-nullable": { level: "breaking", description: "the request body no longer accepts null" },
  "request-body-type-changed": { level: "breaking", description: "the type of the request body changed" },
  "new-required-request-property": {
    level: "breaking",
    description: "a required property was added to the request body",
  },
  "new-optional-request-property": {
    level: "info",
    description: "an optional property was added to the request body",
    adds: true,
  },
  "request-property-removed": { level: "warning", description: "a request body property was removed" },
  "request-property-became-required": { level: "breaking", description: "a request body property became required" },
  "request-property-became-optional": { level: "info", description: "a request body property became optional" },
  "request-property-type-changed": { level: "breaking", description: "a request body property's type changed" },
  "request-property-became-nullable": { level: "info", description: "a request body property now accepts null" },
  "request-property-became-not-nullable": {
    level: "breaking",
    description: "a request body property no longer accepts null",
  },
  "request-property-enum-value-removed": {
    level: "breaking",
    description: "a value was removed from a request property's enum",
  },
  "request-property-enum-value-added": {
    level: "info",
    description: "a value was added to a request property's enum",
    adds: true,
  },

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
  "response-body-type-changed": { level: "breaking", description: "the type of a response body changed" },
  "response-body-became-nullable": { level: "breaking", description: "a response body may now be null" },
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
  "response-property-became-optional": {
    level: "breaking",
    description: "a required response property became optional",
  },
  "response-property-became-required": { level: "info", description: "an optional response property became required" },
  "response-property-became-nullable": { level: "breaking", description: "a response property may now be null" },
  "response-property-type-changed": { level: "breaking", description: "a response property's type changed" },
  "response-property-enum-value-added": {
    level: "warning",
    description: "a value was added to a response property's enum",
    note: "A client with an exhaustive switch over the enum may not handle the new value.",
    adds: true,
  },
  "response-property-enum-value-removed": {
    level: "info",
    description: "a value was removed from a response property's enum",
  },

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

export type RuleId = keyof typeof RULES;
