import { resolvePointer } from "../../../src/json-pointer.js";
import { isRecord } from "../document/model.js";

/** Follows local references within one document: each reference looked up once. */
export type Resolver = (value: unknown) => unknown;

/**
 * A resolver for `document`: a `{ $ref: "#/…" }` becomes what it points at, through any
 * chain of references (iteratively, so a chain of any length is safe; a chain that comes
 * back to itself, which the document gate refuses, ends at the reference). Anything else
 * comes back as it is. Targets are kept per reference string.
 */
export function createResolver(document: unknown): Resolver {
  const targets = new Map<string, unknown>();
  return (value) => {
    if (!isRecord(value) || typeof value.$ref !== "string" || !value.$ref.startsWith("#/")) return value;
    const known = targets.get(value.$ref);
    if (known !== undefined || targets.has(value.$ref)) return known;
    const seen = new Set<string>();
    let current: unknown = value;
    while (isRecord(current) && typeof current.$ref === "string" && current.$ref.startsWith("#/")) {
      const ref = current.$ref;
      if (seen.has(ref)) break;
      seen.add(ref);
      if (targets.has(ref)) {
        current = targets.get(ref);
        break;
      }
      current = resolvePointer(document, ref).value;
    }
    for (const ref of seen) targets.set(ref, current);
    return current;
  };
}
