/**
 * The rules for properties added to, removed from or changed in an object schema, as a
 * table: their ids are named after the property (oasdiff's `new-required-request-property`,
 * `response-required-write-only-property-removed`, …), not after where the schema is.
 * A request never carries a `readOnly` property and a response never a `writeOnly` one, so
 * those variants are notices where the plain rule would break a client.
 */
export type PropertyEvent = "added" | "removed" | "becameRequired" | "becameOptional";

/** What is known of the property: required (after the change, or before it for a removal), its flags, a default. */
export interface PropertyFacts {
  required: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  hasDefault: boolean;
  deprecated: boolean;
  /** Its `x-sunset`: none, a date, or something that is not a date. */
  sunset: "none" | "date" | "invalid";
}

/** The rule of a property event, or undefined when the event is not a change for that side. */
export function propertyRule(
  direction: "request" | "response",
  event: PropertyEvent,
  facts: PropertyFacts,
): string | undefined {
  if (direction === "request") {
    // A client does not send a read-only property: requiring it asks nothing new of the client.
    const required = facts.required && !facts.readOnly;
    switch (event) {
      case "added":
        if (!required) return "new-optional-request-property";
        return facts.hasDefault ? "new-required-request-property-with-default" : "new-required-request-property";
      case "removed":
        return "request-property-removed";
      case "becameRequired":
        if (facts.readOnly) return undefined;
        return facts.hasDefault ? "request-property-became-required-with-default" : "request-property-became-required";
      case "becameOptional":
        return "request-property-became-optional";
    }
  }
  // A client never receives a write-only property: its comings and goings are notices.
  const writeOnly = facts.writeOnly ? "write-only-" : "";
  switch (event) {
    case "added":
      return `response-${facts.required ? "required" : "optional"}-${writeOnly}property-added`;
    case "removed":
      return `response-${facts.required ? "required" : "optional"}-${writeOnly}property-removed`;
    case "becameRequired":
      return facts.writeOnly ? "response-write-only-property-became-required" : "response-property-became-required";
    case "becameOptional":
      return facts.writeOnly ? "response-write-only-property-became-optional" : "response-property-became-optional";
  }
}

/** A property that stays but becomes (or stops being) read-only or write-only. */
export function propertyFlagRules(
  direction: "request" | "response",
  required: boolean,
  before: Pick<PropertyFacts, "readOnly" | "writeOnly">,
  after: Pick<PropertyFacts, "readOnly" | "writeOnly">,
): string[] {
  const rules: string[] = [];
  const prefix = `${direction}-${required ? "required" : "optional"}-property-became-`;
  for (const [flag, name] of [
    ["readOnly", "read-only"],
    ["writeOnly", "write-only"],
  ] as const) {
    if (!before[flag] && after[flag]) rules.push(`${prefix}${name}`);
    if (before[flag] && !after[flag]) rules.push(`${prefix}not-${name}`);
  }
  return rules;
}

/**
 * A property marked deprecated (with a valid `x-sunset` date, or one that is not a date),
 * or no longer deprecated: `<direction>-property-deprecated`, `…-deprecated-with-sunset`,
 * `…-deprecated-sunset-invalid`, `…-reactivated`.
 */
export function propertyDeprecationRule(
  direction: "request" | "response",
  before: Pick<PropertyFacts, "deprecated">,
  after: Pick<PropertyFacts, "deprecated" | "sunset">,
): string | undefined {
  if (!before.deprecated && after.deprecated) {
    const suffix = { none: "", date: "-with-sunset", invalid: "-sunset-invalid" }[after.sunset];
    return `${direction}-property-deprecated${suffix}`;
  }
  if (before.deprecated && !after.deprecated) return `${direction}-property-reactivated`;
  return undefined;
}
