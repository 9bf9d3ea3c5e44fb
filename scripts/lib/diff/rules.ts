/**
 * Every kind of change the differ reports: a stable id and a level. Ids and levels follow
 * oasdiff's checker (`checker/rules.go`: ERR → breaking, WARN → warning, INFO → info),
 * so a report reads the same as one from that tool. Where the level differs from what one
 * might expect, oasdiff's is kept and the reason is noted beside the rule.
 */
export type Level = "breaking" | "warning" | "info";

export const LEVEL_ORDER: readonly Level[] = ["breaking", "warning", "info"];

export const RULES = {
  // Operations and paths.
  "endpoint-added": "info",
  "api-path-removed-without-deprecation": "breaking",
  "api-path-removed-with-deprecation": "info",
  "api-removed-without-deprecation": "breaking",
  "api-removed-with-deprecation": "info",
  // oasdiff rates deprecation INFO: a deprecated operation still works; it is notice of a future removal.
  "endpoint-deprecated": "info",
  "endpoint-reactivated": "info",

  // Request parameters.
  "new-required-request-parameter": "breaking",
  "new-optional-request-parameter": "info",
  "new-request-path-parameter": "breaking",
  "request-parameter-removed": "warning",
  "request-parameter-became-required": "breaking",
  "request-parameter-became-optional": "info",
  "request-parameter-type-changed": "breaking",
  "request-parameter-enum-value-removed": "breaking",
  "request-parameter-enum-value-added": "info",

  // Request bodies.
  "added-required-request-body": "breaking",
  "added-optional-request-body": "info",
  "request-body-became-required": "breaking",
  "request-body-became-optional": "info",
  "request-body-media-type-removed": "breaking",
  "request-body-media-type-added": "info",
  "request-body-type-changed": "breaking",
  "new-required-request-property": "breaking",
  "new-optional-request-property": "info",
  "request-property-removed": "warning",
  "request-property-became-required": "breaking",
  "request-property-became-optional": "info",
  "request-property-type-changed": "breaking",
  "request-property-became-nullable": "info",
  "request-property-became-not-nullable": "breaking",
  "request-property-enum-value-removed": "breaking",
  "request-property-enum-value-added": "info",

  // Responses.
  "response-success-status-removed": "breaking",
  "response-success-status-added": "info",
  "response-non-success-status-removed": "info",
  "response-non-success-status-added": "info",
  "response-media-type-removed": "breaking",
  "response-media-type-added": "info",
  "response-body-type-changed": "breaking",
  "response-body-became-nullable": "breaking",
  "response-required-property-removed": "breaking",
  "response-optional-property-removed": "warning",
  "response-required-property-added": "info",
  "response-optional-property-added": "info",
  "response-property-became-optional": "breaking",
  "response-property-became-required": "info",
  "response-property-became-nullable": "breaking",
  "response-property-type-changed": "breaking",
  // A client with an exhaustive switch over the enum may not handle the new value.
  "response-property-enum-value-added": "warning",
  "response-property-enum-value-removed": "info",

  // Components. oasdiff has no rule for an added schema; the id is ours, in its style.
  "api-schema-added": "info",
  "api-schema-removed": "info",

  // Anything else that changed the document's meaning (descriptions, examples, info.version):
  // not a client-visible change, but drift all the same, so CI can see it.
  "api-document-changed": "info",
} as const satisfies Record<string, Level>;

export type RuleId = keyof typeof RULES;
