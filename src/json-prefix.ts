/** An array or object being written, and how far. */
interface Open {
  items: unknown[] | undefined;
  object: Record<string, unknown> | undefined;
  keys: string[];
  index: number;
}

function scalar(value: unknown, room: number): string {
  if (typeof value === "string") return JSON.stringify(value.length > room ? value.slice(0, room) : value);
  if (typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  return "null";
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
  let pending = true;
  let next = value;
  while (text.length < limit) {
    if (pending) {
      pending = false;
      if (Array.isArray(next)) {
        text += "[";
        open.push({ items: next, object: undefined, keys: [], index: 0 });
      } else if (typeof next === "object" && next !== null) {
        text += "{";
        open.push({ items: undefined, object: next as Record<string, unknown>, keys: Object.keys(next), index: 0 });
      } else {
        text += scalar(next, limit - text.length);
      }
      continue;
    }
    const top = open.at(-1);
    if (top === undefined) break;
    const { items, object, keys } = top;
    const length = items ? items.length : keys.length;
    if (top.index >= length) {
      text += items ? "]" : "}";
      open.pop();
      continue;
    }
    if (top.index > 0) text += ",";
    if (items) {
      next = items[top.index];
    } else {
      const key = keys[top.index] as string;
      text += `${scalar(key, limit - text.length)}:`;
      next = (object as Record<string, unknown>)[key];
    }
    top.index++;
    pending = true;
  }
  return text.length > limit ? text.slice(0, limit) : text;
}
