/**
 * A small JSON Schema validator for response bodies: the keywords OpenAPI 3.0 and 3.1
 * response schemas use for shape (type, nullable, enum, const, properties, required,
 * additionalProperties, items, allOf, anyOf, oneOf, local $ref). Keywords that constrain
 * values beyond shape (formats, lengths, patterns) are not checked: the goal is to catch
 * a server whose responses no longer match the types the client was compiled against.
 * `oneOf` is checked as `anyOf`: telling "exactly one" apart needs every branch to be
 * disjoint, which generated FastAPI schemas (`anyOf` of a type and null) do not rely on.
 */
import { COMPONENT_SCHEMAS, pointerToken } from "./json-pointer.js";

type Schema = Record<string, unknown>;

export interface ValidationContext {
  /** Component schemas, for `#/components/schemas/<name>` references. */
  components: Record<string, unknown>;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Mismatches between `value` and `schema`, each as `<JSON pointer>: expected …, got …`.
 * An empty list means the value conforms.
 */
export function validateAgainstSchema(
  value: unknown,
  schema: unknown,
  context: ValidationContext,
  pointer = "",
): string[] {
  if (typeof schema !== "object" || schema === null) return [];
  const s = schema as Schema;
  const at = pointer || "/";
  if (typeof s.$ref === "string") {
    const name = s.$ref.slice(COMPONENT_SCHEMAS.length);
    // Own properties only: a schema named `constructor` or `__proto__` is a name like any other.
    const target =
      s.$ref.startsWith(COMPONENT_SCHEMAS) && Object.hasOwn(context.components, name)
        ? context.components[name]
        : undefined;
    return validateAgainstSchema(value, target, context, pointer);
  }
  if (value === null && s.nullable === true) return [];

  const issues: string[] = [];
  const types = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? (s.type as string[]) : undefined;
  if (types && !types.some((type) => matchesType(value, type))) {
    return [`${at}: expected ${types.join(" or ")}, got ${show(value)}`];
  }
  if (Array.isArray(s.enum) && !s.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    issues.push(`${at}: expected one of ${s.enum.map(show).join(", ")}, got ${show(value)}`);
  }
  if ("const" in s && JSON.stringify(s.const) !== JSON.stringify(value)) {
    issues.push(`${at}: expected ${show(s.const)}, got ${show(value)}`);
  }
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    for (const name of Array.isArray(s.required) ? (s.required as string[]) : []) {
      if (!Object.hasOwn(object, name)) issues.push(`${pointer}/${pointerToken(name)}: required property is missing`);
    }
    for (const [name, propertyValue] of Object.entries(object)) {
      const child = `${pointer}/${pointerToken(name)}`;
      if (Object.hasOwn(properties, name))
        issues.push(...validateAgainstSchema(propertyValue, properties[name], context, child));
      else if (s.additionalProperties === false) issues.push(`${child}: property is not allowed`);
      else issues.push(...validateAgainstSchema(propertyValue, s.additionalProperties, context, child));
    }
  }
  if (Array.isArray(value) && s.items !== undefined) {
    value.forEach((item, index) => {
      issues.push(...validateAgainstSchema(item, s.items, context, `${pointer}/${index}`));
    });
  }
  for (const part of Array.isArray(s.allOf) ? s.allOf : []) {
    issues.push(...validateAgainstSchema(value, part, context, pointer));
  }
  const alternatives = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined) as
    | unknown[]
    | undefined;
  if (alternatives) {
    const failures = alternatives.map((part) => validateAgainstSchema(value, part, context, pointer));
    if (!failures.some((list) => list.length === 0)) {
      issues.push(
        `${at}: matches none of ${alternatives.length} alternatives (${failures.map((list) => list[0]).join(" | ")})`,
      );
    }
  }
  return issues;
}
