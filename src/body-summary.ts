import { jsonPrefix } from "./json-prefix.js";

/** Longest account of a server's error body in a message; the rest is cut. */
export const SHOWN_BODY_LENGTH = 200;

function cut(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** One entry of FastAPI's `detail` list: `loc.joined: msg`, or the entry as JSON when it is not that shape. */
function detailEntry(entry: unknown): string {
  const { loc, msg } = (typeof entry === "object" && entry !== null ? entry : {}) as { loc?: unknown; msg?: unknown };
  if (typeof msg !== "string") return jsonPrefix(entry, SHOWN_BODY_LENGTH + 1);
  if (!Array.isArray(loc)) return msg;
  const where = loc.slice(0, 16).map((part) => (typeof part === "object" ? jsonPrefix(part, 40) : part));
  return `${where.join(".")}: ${msg}`;
}

/**
 * The most useful account of an error body: FastAPI's `detail` (a string or a list of
 * `{loc, msg}`), a `message` or `error` field, or the start of the body as JSON or text.
 * Whatever the body's size, depth or shape, this reads no more of it than it shows.
 */
function bodyText(body: unknown): string {
  if (body === undefined || body === null || body === "") return "(empty body)";
  if (typeof body === "string") return body;
  if (typeof body === "object" && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    const { detail } = record;
    if (Array.isArray(detail) && detail.length > 0) {
      let text = "";
      for (const entry of detail) {
        text += `${text ? "; " : ""}${detailEntry(entry)}`;
        if (text.length > SHOWN_BODY_LENGTH) break;
      }
      return text;
    }
    for (const text of [detail, record.message, record.error]) if (typeof text === "string") return text;
  }
  return jsonPrefix(body, SHOWN_BODY_LENGTH + 1);
}

/**
 * One line, at most `SHOWN_BODY_LENGTH` characters, saying what an error body says. The
 * body is expected to be redacted already: the cut here comes after redaction, so no part
 * of a key can survive it. `oneLine` is `untrusted-text.ts`'s, handed over (see `apiFailure`).
 */
export function summariseBody(body: unknown, oneLine: (text: string) => string): string {
  // Cut before escaping too (escapes only lengthen): a body of megabytes is not scanned whole.
  return cut(oneLine(bodyText(body).slice(0, SHOWN_BODY_LENGTH + 1)), SHOWN_BODY_LENGTH);
}
