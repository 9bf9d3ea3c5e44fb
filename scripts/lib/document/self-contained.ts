import { resolvePointer, pointer as toPointer } from "../../../src/json-pointer.js";
import { displayText } from "../../../src/untrusted-text.js";
import { PipelineError } from "../util/pipeline-error.js";
import { isRecord } from "./model.js";

/**
 * Deepest nesting of objects and arrays a document may have. GitHub's 13 MB description
 * nests 20 deep; a thousand levels only serve to overflow the stacks of the recursive
 * tools downstream (Redocly, openapi-typescript, the differ).
 */
export const MAX_NESTING = 128;

/** Keys whose string value makes a JSON Schema or OpenAPI tool load something by address. */
const REFERENCE_KEYS = ["$ref", "$dynamicRef", "$recursiveRef"] as const;

/**
 * A local reference: `#` alone or a JSON pointer fragment `#/…`. Anything else (a file, a
 * relative path, a URL, an `$anchor` name) would make a resolver read or fetch.
 */
const LOCAL_REFERENCE = /^#(\/.*)?$/s;

function refuse(origin: string, message: string): never {
  throw new PipelineError("spec-unsafe", `${origin} ${message}`);
}

/**
 * Refuses a document that could make a tool downstream read a file, fetch a URL or
 * overflow its stack, before any of them sees it:
 * - every `$ref` (and `$dynamicRef`, `$recursiveRef`) must be a local pointer `#/…`
 *   that points at something;
 * - no `$id`, which would re-base local references onto an address of the document's
 *   choosing (JSON Schema 2020-12 §8.2.1);
 * - no chain of references that leads back to itself without reaching a value;
 * - nesting at most `MAX_NESTING` deep.
 * Each refusal is one line naming the JSON pointer of the offending value.
 */
export function assertSelfContained(document: Record<string, unknown>, origin: string): void {
  const refs = new Map<string, string>(); // ref → pointer of its first use
  // Iterative, so the check itself cannot overflow the stack it protects; each node keeps
  // a link to its parent rather than its whole path, which is built only for a message.
  const pending: Place[] = [{ value: document, key: "", parent: undefined, depth: 0 }];
  for (let place = pending.pop(); place !== undefined; place = pending.pop()) {
    const { value, depth } = place;
    if (depth > MAX_NESTING) {
      refuse(origin, `nests deeper than ${MAX_NESTING} levels (at ${pointerOf(place).slice(0, 120)}…)`);
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        if (typeof item === "object" && item !== null)
          pending.push({ value: item, key: String(index), parent: place, depth: depth + 1 });
      }
      continue;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const item = record[key];
      if (typeof item === "object" && item !== null) {
        pending.push({ value: item, key, parent: place, depth: depth + 1 });
      } else if (typeof item === "string" && key.startsWith("$")) {
        checkKeyword(key, item, place, refs, origin);
      }
    }
  }
  for (const [ref, where] of refs) assertResolves(document, ref, where, origin);
}

/** Where a value sits, with a link to its container. */
interface Place {
  value: object;
  key: string;
  parent: Place | undefined;
  depth: number;
}

function pointerOf(place: Place, last?: string): string {
  const tokens: string[] = last === undefined ? [] : [last];
  for (let at: Place | undefined = place; at?.parent !== undefined; at = at.parent) tokens.unshift(at.key);
  return toPointer(...tokens) || "/";
}

function checkKeyword(key: string, value: string, place: Place, refs: Map<string, string>, origin: string): void {
  if ((REFERENCE_KEYS as readonly string[]).includes(key)) {
    const where = pointerOf(place, key);
    if (!LOCAL_REFERENCE.test(value)) {
      refuse(
        origin,
        `has an external reference ${key}: "${displayText(value)}" at ${where}; only references inside the document (#/…) are followed`,
      );
    }
    if (!refs.has(value)) refs.set(value, where);
  } else if (key === "$id" && isSchemaPosition(place)) {
    refuse(origin, `sets $id "${displayText(value)}" at ${pointerOf(place, key)}, which re-bases references`);
  }
}

/**
 * `$id` is a keyword only inside schemas; inside example data (`example`, `examples`) a
 * string under that name is only data.
 */
function isSchemaPosition(place: Place): boolean {
  for (let at: Place | undefined = place; at !== undefined; at = at.parent) {
    if (at.key === "example" || at.key === "examples") return false;
  }
  return true;
}

/** A reference must reach a value; one that only leads to other references in a ring is refused. */
function assertResolves(document: unknown, ref: string, where: string, origin: string): void {
  const seen = new Set<string>();
  let current = ref;
  for (;;) {
    if (seen.has(current)) {
      refuse(origin, `has a $ref "${displayText(ref)}" at ${where} that leads back to itself`);
    }
    seen.add(current);
    const { found, value } = resolvePointer(document, current);
    if (!found) refuse(origin, `has a $ref "${displayText(ref)}" at ${where} that points at nothing`);
    if (!isRecord(value) || typeof value.$ref !== "string") return;
    current = value.$ref;
  }
}
