import { isUtf8 } from "node:buffer";
import { parse as parseYaml } from "yaml";
import { PipelineError } from "../util/pipeline-error.js";

/**
 * An alias may be expanded at most this many times. The default of the yaml package (100)
 * is kept explicitly: a "billion laughs" document of nested aliases fails to parse instead
 * of expanding into gigabytes.
 */
export const MAX_YAML_ALIAS_COUNT = 100;

const YAML_OPTIONS = { maxAliasCount: MAX_YAML_ALIAS_COUNT, uniqueKeys: true, prettyErrors: false } as const;

/** Object keys in JSON text: strings followed by a colon (a string value never is). */
function countKeysInText(text: string): number {
  let count = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(i) !== 0x22) continue;
    // A string: find its closing quote, skipping escaped characters.
    for (i++; i < length; i++) {
      const char = text.charCodeAt(i);
      if (char === 0x5c) i++;
      else if (char === 0x22) break;
    }
    let next = i + 1;
    while (next < length && text.charCodeAt(next) <= 0x20) next++;
    if (text.charCodeAt(next) === 0x3a) count++;
  }
  return count;
}

function countKeys(value: unknown): number {
  let count = 0;
  const pending = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== "object" || item === null) continue;
    if (!Array.isArray(item)) count += Object.keys(item).length;
    for (const child of Object.values(item)) if (typeof child === "object" && child !== null) pending.push(child);
  }
  return count;
}

/**
 * JSON, parsed natively, with duplicate keys refused as YAML refuses them: `JSON.parse`
 * silently keeps the last, so a document could show a reviewer one value and give the
 * generator another. A duplicate leaves fewer keys in the result than the text holds;
 * only then is the text parsed again, slowly, to say where.
 */
function parseJsonUniqueKeys(text: string): unknown {
  const parsed: unknown = JSON.parse(text);
  if (countKeysInText(text) === countKeys(parsed)) return parsed;
  parseYaml(text, YAML_OPTIONS); // throws "Map keys must be unique" with the line
  throw new Error("an object has the same key twice");
}

/**
 * Parses a document's text as JSON or YAML 1.2 into a plain object. `origin` names the
 * file or URL in the one-line error, which also says what the text looked like when it was
 * not a document at all (an HTML page, an empty body).
 */
export function parseDocumentText(text: string, origin: string): Record<string, unknown> {
  // A byte-order mark is allowed before JSON and YAML alike (RFC 8259 §8.1 lets parsers
  // ignore it; YAML 1.2 §5.2 allows it) and is not part of the document.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start = body.trimStart();
  if (start === "") throw new PipelineError("spec-invalid", `${origin} is empty; expected an OpenAPI document`);
  if (start.startsWith("<")) {
    throw new PipelineError(
      "spec-invalid",
      `${origin} is an HTML or XML page, not an OpenAPI document (is the URL right?)`,
    );
  }
  let parsed: unknown;
  try {
    // JSON is parsed natively: it is YAML too, but the YAML parser is far slower on it (docs/benchmarks.md).
    parsed = start.startsWith("{") ? parseJsonUniqueKeys(body) : parseYaml(body, YAML_OPTIONS);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new PipelineError(
      "spec-invalid",
      `${origin} is not valid ${start.startsWith("{") ? "JSON" : "YAML"}: ${reason}`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new PipelineError(
      "spec-invalid",
      `${origin} does not hold an object at its top level; expected an OpenAPI document`,
    );
  }
  return parsed as Record<string, unknown>;
}

/** Bytes as text; a document that is not UTF-8 is refused rather than silently mangled. */
export function decodeDocument(bytes: Uint8Array, origin: string): string {
  // isUtf8 checks in native code, faster than a fatal TextDecoder (docs/benchmarks.md).
  if (!isUtf8(bytes))
    throw new PipelineError("spec-unreadable", `${origin} is not UTF-8 text; expected an OpenAPI document`);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}
