import { quotedText } from "./escape-terminal.js";

/**
 * What a server's error body says, in one line, whatever its shape: FastAPI's validation
 * list `{"detail": [{"loc": [...], "msg": "..."}]}` (the spec's `HTTPValidationError`),
 * its `HTTPException` shape `{"detail": "text"}`, a `loc` that is not a list, items that
 * are not objects, `message`/`error` fields, plain text, or anything else as compact
 * JSON, depth- and length-bounded. Never throws and never recurses without a bound: a
 * body nested a hundred thousand levels deep is read like any other.
 */
export function describeErrorBody(body: unknown): string {
  try {
    return quotedText(bodyText(body));
  } catch {
    return "(a body that could not be read)";
  }
}

/** Items of a validation list shown; the rest are counted. */
const MAX_ITEMS = 5;

function bodyText(body: unknown): string {
  if (body === undefined || body === null || body === "") return "no detail given";
  if (typeof body === "string") return body;
  if (typeof body !== "object") return compactJson(body);
  const record = body as Record<string, unknown>;
  const detail = Object.hasOwn(record, "detail") ? record.detail : undefined;
  if (typeof detail === "string") return detail || "no detail given";
  if (Array.isArray(detail)) {
    if (detail.length === 0) return "no detail given";
    const shown = detail.slice(0, MAX_ITEMS).map(validationItem);
    const more = detail.length > MAX_ITEMS ? `; and ${detail.length - MAX_ITEMS} more` : "";
    return `${shown.join("; ")}${more}`;
  }
  for (const name of ["message", "error", "title"]) {
    const value = Object.hasOwn(record, name) ? record[name] : undefined;
    if (typeof value === "string" && value) return value;
  }
  return compactJson(detail ?? body);
}

/** One `{loc, msg}` of a validation list as `query.time_after: message`; any other item as compact JSON. */
function validationItem(item: unknown): string {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return compactJson(item);
  const { loc, msg } = item as { loc?: unknown; msg?: unknown };
  const where = Array.isArray(loc)
    ? loc
        .slice(0, 10)
        .map((part) => (typeof part === "string" || typeof part === "number" ? String(part) : compactJson(part)))
        .join(".")
    : typeof loc === "string" || typeof loc === "number"
      ? String(loc)
      : "";
  const what = typeof msg === "string" ? msg : compactJson(msg === undefined ? item : msg);
  return where ? `${where}: ${what}` : what;
}

/** Deepest nesting shown; anything below is `…`. */
const MAX_DEPTH = 4;
/** Longest compact JSON built; the rest is cut. */
const MAX_LENGTH = 400;

/**
 * JSON of a value, at most `MAX_DEPTH` levels and about `MAX_LENGTH` characters: enough to
 * recognise what a server sent, never `JSON.stringify` of an unbounded structure.
 */
export function compactJson(value: unknown, depth = 0): string {
  if (value === undefined) return "undefined";
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
  }
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? "[…]" : "{…}";
  const list = Array.isArray(value) ? (value as unknown[]) : undefined;
  const names = list ? undefined : Object.keys(value);
  const count = list ? list.length : (names?.length ?? 0);
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; index < count; index++) {
    if (length > MAX_LENGTH) {
      parts.push("…");
      break;
    }
    const name = names?.[index];
    const item = list ? list[index] : (value as Record<string, unknown>)[name as string];
    const part = `${name === undefined ? "" : `${JSON.stringify(name)}:`}${compactJson(item, depth + 1)}`;
    parts.push(part);
    length += part.length + 1;
  }
  return list ? `[${parts.join(",")}]` : `{${parts.join(",")}}`;
}
