import { isRecord } from "../document/model.js";
import { ANNOTATIONS } from "./annotations.js";
import type { Resolver } from "./resolve.js";

/**
 * The branches of an `anyOf` or `oneOf` judged by the values they take, as a client sees
 * them (code generators read both as a union of their branches):
 * - a `null` branch is nullability, not a branch;
 * - an empty list constrains nothing (JSON Schema requires at least one branch; documents
 *   that write `oneOf: []` mean "values not listed"), so it is no branch either;
 * - branches that are each one value (`{const: "a"}`, `{enum: ["a"]}`) are an `enum` of
 *   those values, written another way;
 * - a branch that takes every value of its type (`{type: "string"}`) takes all a branch of
 *   only that type takes (`{type: "string", enum: [...]}`): those branches add nothing.
 */
export interface BranchValues {
  /** The branches that remain, as written (references not followed, so they match by `$ref`). */
  branches: unknown[];
  /** Every branch is one value: the values, as `JSON.stringify` writes them (like an enum's). */
  values?: Set<string>;
  /** The types those one-value branches name. */
  valueTypes?: string[];
  /** A `null` branch was among them. */
  nullable: boolean;
}

/** `{ type: "null" }` (or `["null"]`): the branch of an `anyOf`/`oneOf` that makes it nullable. */
export function isNullSchema(schema: unknown): boolean {
  return (
    isRecord(schema) &&
    (schema.type === "null" || (Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === "null"))
  );
}

const describes = (key: string) => ANNOTATIONS.has(key) || key.startsWith("x-");

/** The one value a branch takes, if it takes one: `const`, or an `enum` of one, with at most a type beside it. */
function singleValue(schema: unknown): { value: string; types: string[] } | undefined {
  if (!isRecord(schema)) return undefined;
  if (!Object.keys(schema).every((key) => key === "const" || key === "enum" || key === "type" || describes(key)))
    return undefined;
  const types = typeof schema.type === "string" ? [schema.type] : [];
  if (Object.hasOwn(schema, "const")) return { value: JSON.stringify(schema.const), types };
  if (Array.isArray(schema.enum) && schema.enum.length === 1) return { value: JSON.stringify(schema.enum[0]), types };
  return undefined;
}

/** The type a branch takes every value of (`{type: "string"}`, annotations aside), if it is that. */
function wholeType(schema: unknown): string | undefined {
  if (!isRecord(schema) || typeof schema.type !== "string") return undefined;
  return Object.keys(schema).every((key) => key === "type" || describes(key)) ? schema.type : undefined;
}

/** The one type a branch is restricted to, if it names exactly one. */
function onlyType(schema: unknown): string | undefined {
  return isRecord(schema) && typeof schema.type === "string" ? schema.type : undefined;
}

const known = new WeakMap<object, BranchValues>();

/** The branches of one `anyOf` or `oneOf` list, worked out once per list. */
export function branchValues(list: unknown, resolve: Resolver): BranchValues {
  if (!Array.isArray(list)) return { branches: [], nullable: false };
  let found = known.get(list);
  if (found === undefined) {
    found = judge(list, resolve);
    known.set(list, found);
  }
  return found;
}

function judge(raw: unknown[], resolve: Resolver): BranchValues {
  const resolved = raw.map(resolve);
  const nullable = resolved.some(isNullSchema);
  const nonNull = raw.filter((_, index) => !isNullSchema(resolved[index]));
  const nonNullResolved = resolved.filter((branch) => !isNullSchema(branch));
  if (nonNull.length === 0) return { branches: [], nullable };
  const single = nonNullResolved.map(singleValue);
  if (single.every((value) => value !== undefined)) {
    const values = new Set(single.map((value) => (value as { value: string }).value));
    const valueTypes = [...new Set(single.flatMap((value) => (value as { types: string[] }).types))];
    return { branches: [], values, valueTypes, nullable };
  }
  const whole = new Set(nonNullResolved.map(wholeType).filter((type) => type !== undefined));
  const seenWhole = new Set<string>();
  const branches = nonNull.filter((_, index) => {
    const branch = nonNullResolved[index];
    const type = wholeType(branch);
    if (type !== undefined) {
      // The same whole type twice is one branch.
      if (seenWhole.has(type)) return false;
      seenWhole.add(type);
      return true;
    }
    const restricted = onlyType(branch);
    return restricted === undefined || !whole.has(restricted);
  });
  return { branches, nullable };
}
