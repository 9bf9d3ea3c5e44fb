import { type OpenApiDocument, operationsOf } from "../document/model.js";

/** `GET /a/{}`: an operation's key with template names dropped, as clients address it. */
const keyOf = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, "{}")}`;

/**
 * The operations of `revision` that `base` lacks and no named function wraps (`wrapped`,
 * as `METHOD path`), in document order: typed and callable through the client, but with
 * no wrapper of their own yet.
 */
export function unwrappedNewOperations(
  base: OpenApiDocument,
  revision: OpenApiDocument,
  wrapped: readonly string[],
): string[] {
  const before = new Set([...operationsOf(base)].map(({ method, path }) => keyOf(method, path)));
  const named = new Set(
    wrapped.map((operation) => {
      const [method = "", path = ""] = operation.split(" ");
      return keyOf(method, path);
    }),
  );
  return [...operationsOf(revision)]
    .filter(({ method, path }) => !before.has(keyOf(method, path)) && !named.has(keyOf(method, path)))
    .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
}
