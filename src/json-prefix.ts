/** An array or object being written: its keys (none for an array), its values, and how far. */
interface Open {
  keys: string[] | undefined;
  values: unknown[];
  index: number;
}

/**
 * The first `limit` characters of `JSON.stringify(value)` (or all of it when shorter),
 * written iteratively and stopped as soon as `limit` is reached: a body nested 200 000
 * levels deep, which `JSON.stringify` cannot write (it recurses), or one of many
 * megabytes, costs no more than the characters shown. `undefined` and functions are
 * written `null`, as in an array.
 */
export function jsonPrefix(value: unknown, limit: number): string {
  let text = "";
  const open: Open[] = [];
  for (let next = value; ; ) {
    if (typeof next === "object" && next !== null) {
      const object = next as Record<string, unknown>;
      const keys = Array.isArray(next) ? undefined : Object.keys(next);
      text += keys ? "{" : "[";
      open.push({ keys, values: keys ? keys.map((key) => object[key]) : (next as unknown[]), index: 0 });
    } else {
      const shown = typeof next === "string" ? next.slice(0, limit) : next;
      const isScalar = typeof shown === "string" || typeof shown === "number" || typeof shown === "boolean";
      text += isScalar ? JSON.stringify(shown) : "null";
    }
    // Close what is finished, up to the container that has a value left to write.
    let top = open.at(-1);
    while (top !== undefined && top.index === top.values.length && text.length < limit) {
      text += top.keys ? "}" : "]";
      open.pop();
      top = open.at(-1);
    }
    if (top === undefined || text.length >= limit) return text.slice(0, limit);
    if (top.index > 0) text += ",";
    if (top.keys) text += `${JSON.stringify((top.keys[top.index] as string).slice(0, limit))}:`;
    next = top.values[top.index++];
  }
}
