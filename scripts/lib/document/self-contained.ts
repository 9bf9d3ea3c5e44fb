import { resolvePointer, pointer as toPointer } from "../../../src/json-pointer.js";
import { displayText } from "../../../src/untrusted-text.js";
import { PipelineError } from "../util/pipeline-error.js";
import { isRecord } from "./model.js";
import { LOCAL_REFERENCE, positionsOf } from "./positions.js";

/**
 * Deepest nesting of objects and arrays a document may have. GitHub's 13 MB description
 * nests 20 deep; a thousand levels only serve to overflow the stacks of the recursive
 * tools downstream (Redocly, openapi-typescript, the differ).
 */
export const MAX_NESTING = 128;

function refuse(origin: string, message: string): never {
  throw new PipelineError("spec-unsafe", `${origin} ${message}`);
}

/**
 * Refuses a document that could make a tool downstream read a file, fetch a URL or
 * overflow its stack, before any of them sees it, and nothing else:
 * - every reference, which is a `$ref` only where the specification puts a Reference
 *   Object, a Schema Object or a Path Item (and a discriminator's mapping to a schema),
 *   must be a local pointer `#/…` that points at something; a `$ref` key anywhere else
 *   (an example, a default, an enum, an extension) is data and is never followed;
 * - a `$dynamicRef` or `$recursiveRef` must name a fragment of the document (`#…`): no tool
 *   here follows one, but one that names a URL asks the next tool to fetch it;
 * - no chain of references that leads back to itself without reaching a value;
 * - where the specification puts a Schema Object, the document has an object, a boolean
 *   or null (anything else the generator cannot read);
 * - nesting at most `MAX_NESTING` deep.
 * `$id` and `$anchor` are accepted: references are resolved within the document only, so
 * what an `$id` names is never read. Each refusal is one line naming the JSON pointer.
 */
export function assertSelfContained(document: Record<string, unknown>, origin: string): void {
  assertNesting(document, origin);
  const positions = positionsOf(document);
  const refs = new Map<string, string>(); // ref → pointer of its first use
  for (const { value, pointer } of positions.references) {
    if (!LOCAL_REFERENCE.test(value)) {
      refuse(
        origin,
        `has an external reference "${displayText(value)}" at ${pointer}; only references inside the document (#/…) are followed`,
      );
    }
    if (!refs.has(value)) refs.set(value, pointer);
  }
  for (const { value, pointer } of positions.fragments) {
    if (!value.startsWith("#"))
      refuse(origin, `has "${displayText(value)}" at ${pointer}, which names something outside the document`);
  }
  const misplaced = positions.misplaced[0];
  if (misplaced) {
    // Not unsafe, but nothing the generator can read (it fails, or types garbage): invalid.
    throw new PipelineError(
      "spec-invalid",
      `${origin} is not a valid OpenAPI document: a ${misplaced.found} at #${misplaced.pointer}, where the specification puts a Schema Object (or a list or map of them)`,
    );
  }
  for (const [ref, where] of refs) assertResolves(document, ref, where, origin);
}

/** Where a value sits: its key and a link to its container (the path is built only for a message). */
interface Nested {
  value: object;
  key: string;
  parent: Nested | undefined;
  depth: number;
}

/** Iterative, so the check itself cannot overflow the stack it protects. */
function assertNesting(document: object, origin: string): void {
  const pending: Nested[] = [{ value: document, key: "", parent: undefined, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.depth > MAX_NESTING) {
      const tokens: string[] = [];
      for (let at: Nested | undefined = next; at?.parent !== undefined; at = at.parent) tokens.unshift(at.key);
      refuse(origin, `nests deeper than ${MAX_NESTING} levels (at ${toPointer(...tokens).slice(0, 120)}…)`);
    }
    const { value } = next;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        if (typeof item === "object" && item !== null)
          pending.push({ value: item, key: String(index), parent: next, depth: next.depth + 1 });
      }
      continue;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null)
        pending.push({ value: item, key, parent: next, depth: next.depth + 1 });
    }
  }
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
