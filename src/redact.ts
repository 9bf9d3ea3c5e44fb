const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What a secret is replaced with. */
const REDACTED = "[redacted]";

/** Removes one secret from what a server sent back. */
export interface Redactor {
  /** The text with every spelling of the secret replaced by `[redacted]`. */
  text(text: string): string;
  /**
   * A copy of a value (JSON data, or `Headers`) with the secret replaced in every string,
   * keys included (a header named after the secret is dropped).
   */
  value<T>(value: T): T;
  /**
   * The longest spelling of the secret: text cut at `n` characters after redaction
   * can hold no part of the secret if it was redacted with `n + longest` characters.
   */
  readonly longest: number;
}

/**
 * Every spelling of the secret a server might echo: as it is, percent-encoded (in a URL or
 * a `Location`, in either case of hex digits) and JSON-escaped (inside a JSON string).
 */
function spellings(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // JSON.parse makes `__proto__` an own property; an assignment would set the prototype instead.
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * A redactor of `secret`. Values are copied iteratively, with an explicit stack, so a body
 * nested hundreds of thousands of levels deep is redacted like a flat one (recursion would
 * throw `RangeError`), each object once.
 */
export function redactor(secret: string): Redactor {
  const all = spellings(secret);
  const pattern = new RegExp(
    all
      .map((spelling) => escapeRegExp(spelling).replace(/%[0-9A-F]{2}/g, (hex) => `(?:${hex}|${hex.toLowerCase()})`))
      .join("|"),
    "g",
  );
  const text = (input: string) => input.replace(pattern, REDACTED);
  const lowered = all.map((spelling) => spelling.toLowerCase());
  const value = <T>(root: T): T => {
    if (root instanceof Headers) {
      // A name cannot hold `[redacted]` (not a token, RFC 9110 §5.1), and Headers lower-cases
      // it: a header whose name echoes the secret, in any case, is left out instead.
      const echoed = (name: string) => lowered.some((spelling) => name.includes(spelling));
      return new Headers([...root].filter(([name]) => !echoed(name)).map(([name, item]) => [name, text(item)])) as T;
    }
    const copies = new Map<object, unknown>();
    const work: [source: object, copy: Record<string, unknown>][] = [];
    const copy = (item: unknown): unknown => {
      if (typeof item === "string") return text(item);
      if (typeof item !== "object" || item === null) return item;
      let made = copies.get(item);
      if (made === undefined) {
        made = Array.isArray(item) ? new Array(item.length) : {};
        copies.set(item, made);
        work.push([item, made as Record<string, unknown>]);
      }
      return made;
    };
    const result = copy(root);
    for (let next = work.pop(); next !== undefined; next = work.pop()) {
      const [source, target] = next;
      for (const key of Object.keys(source)) {
        setOwn(target, Array.isArray(source) ? key : text(key), copy((source as Record<string, unknown>)[key]));
      }
    }
    return result as T;
  };
  return { text, value, longest: Math.max(...all.map((spelling) => spelling.length)) };
}
