import { pointerToken } from "../../../src/json-pointer.js";

/**
 * JSON text with object keys sorted at every level: two documents that differ only in key
 * order, quoting, YAML-vs-JSON or comments have the same canonical text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  // Objects are never changed once parsed: each one's text is worked out once (a schema
  // compared from many places, a default inherited by many schemas). Nesting is bounded
  // by the document gate (MAX_NESTING), so the recursion is too.
  const known = texts.get(value);
  if (known !== undefined) return known;
  let text: string;
  if (Array.isArray(value)) text = `[${value.map(canonicalJson).join(",")}]`;
  else {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    text = `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  texts.set(value, text);
  return text;
}

const texts = new WeakMap<object, string>();

/** The first JSON pointer at which two values differ, or undefined when they are equal. */
export function firstDifference(base: unknown, revision: unknown): string | undefined {
  const tokens = differencePath(base, revision);
  if (tokens === undefined) return undefined;
  return tokens.length === 0
    ? "/"
    : tokens
        .reverse()
        .map((token) => `/${pointerToken(token)}`)
        .join("");
}

/** Where two values first differ, as the keys on the way there, innermost first (the pointer is built only then). */
function differencePath(base: unknown, revision: unknown): string[] | undefined {
  if (base === revision) return undefined;
  const bothObjects = typeof base === "object" && base !== null && typeof revision === "object" && revision !== null;
  if (!bothObjects || Array.isArray(base) !== Array.isArray(revision)) {
    return canonicalJson(base) === canonicalJson(revision) ? undefined : [];
  }
  const b = base as Record<string, unknown>;
  const r = revision as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(r)])].sort();
  for (const key of keys) {
    // Own properties only: a key named `toString` on one side is not Object's method on the other.
    const [before, after] = [Object.hasOwn(b, key) ? b[key] : undefined, Object.hasOwn(r, key) ? r[key] : undefined];
    const found = differencePath(before, after);
    if (found !== undefined) {
      found.push(key);
      return found;
    }
  }
  return undefined;
}

/**
 * Keywords whose arrays are sets in OpenAPI and JSON Schema: reordering them changes
 * nothing a client sees (`prefixItems`, `servers` and the like keep their order).
 */
const UNORDERED = new Set(["parameters", "oneOf", "anyOf", "allOf", "enum", "required", "type", "tags", "security"]);

/** A copy of a value with the arrays of `UNORDERED` keywords sorted by their canonical JSON. */
export function withoutSetOrder(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => withoutSetOrder(item));
    if (key === undefined || !UNORDERED.has(key)) return items;
    return items
      .map((item) => [canonicalJson(item), item] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, item]) => item);
  }
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, item]) => [name, withoutSetOrder(item, name)]),
  );
}
