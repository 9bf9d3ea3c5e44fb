import type { OpenApiDocument } from "./model.js";
import { positionsOf, resolvesInside } from "./positions.js";

/** What a `$ref` key in data is called in the copy the libraries see: an extension, which they leave alone. */
export const DATA_REF_KEY = "x-data-$ref";

/**
 * The document as Redocly's validator and openapi-typescript are to see it. Redocly takes a
 * `$ref` key on any object it walks for a reference, also where the specification puts
 * none (an extension's value, `info`), and tries to resolve it: the seal refuses what lies
 * outside, and the generation then fails on "Can't resolve $ref". In this copy each such
 * key that does not resolve inside the document is renamed (`DATA_REF_KEY`), so the
 * libraries, like the gate, read it as data; one that does (GitHub's `x-webhooks`, Stripe's
 * `x-expansionResources`) is left as the bare generator sees it.
 * Examples, defaults, enums and `const` are not touched (the resolver does not walk them,
 * and the generator shows them as written). A document without such keys is returned as
 * it is; otherwise it is copied, keeping which objects are shared.
 */
export function forTools(document: OpenApiDocument): OpenApiDocument {
  const holders = new Set(unresolvedDataRefs(document).map(({ holder }) => holder));
  if (holders.size === 0) return document;
  const copies = new Map<object, unknown>();
  const copy = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    const known = copies.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      copies.set(value, items);
      for (const item of value) items.push(copy(item));
      return items;
    }
    const entries: Record<string, unknown> = {};
    copies.set(value, entries);
    const renamed = holders.has(value);
    for (const [key, item] of Object.entries(value)) {
      // defineProperty: `__proto__` stays an own key, as the parser made it.
      Object.defineProperty(entries, renamed && key === "$ref" ? DATA_REF_KEY : key, {
        value: copy(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return entries;
  };
  return copy(document) as OpenApiDocument;
}

/** `$ref` keys in data that do not point inside the document: renamed for the libraries, and warned of. */
export function unresolvedDataRefs(document: OpenApiDocument): { holder: object; pointer: string }[] {
  return positionsOf(document).dataRefs.filter(
    ({ holder }) => !resolvesInside(document, (holder as { $ref: string }).$ref),
  );
}
