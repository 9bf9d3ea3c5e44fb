import type { Doc } from "./spec-variants.js";

/**
 * The few places of an OpenAPI document (3.0 or 3.1) that the change generators edit,
 * found by walking whatever document they are given, so that nothing about the vendored
 * spec is written down here. Places are JSON pointers (RFC 6901), edited through `at`.
 */

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface OperationPlace {
  path: string;
  method: HttpMethod;
  /** `/paths/<path>/<method>` */
  pointer: string;
}

const escapeToken = (token: string) => token.replaceAll("~", "~0").replaceAll("/", "~1");

export function pointerOf(...tokens: string[]): string {
  return tokens.map((token) => `/${escapeToken(token)}`).join("");
}

function tokensOf(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const own = (value: Record<string, unknown>, key: string) => (Object.hasOwn(value, key) ? value[key] : undefined);

/** The value at a JSON pointer, or undefined. Own properties only. */
export function at(doc: Doc, pointer: string): Doc {
  let value: unknown = doc;
  for (const token of tokensOf(pointer)) {
    if (Array.isArray(value)) value = value[Number(token)];
    else if (isObject(value)) value = own(value, token);
    else return undefined;
  }
  return value;
}

/** Sets a property as an own, enumerable data property, even one named `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function operationsOf(doc: Doc): OperationPlace[] {
  const places: OperationPlace[] = [];
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      if (isObject(own(item, method))) places.push({ path, method, pointer: pointerOf("paths", path, method) });
    }
  }
  return places;
}

/** Local `$ref` → pointer; anything else → undefined. */
function refTarget(schema: Record<string, unknown>): string | undefined {
  const ref = own(schema, "$ref");
  return typeof ref === "string" && ref.startsWith("#") ? decodeURIComponent(ref.slice(1)) : undefined;
}

const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"] as const;
const SUBSCHEMAS = ["items", "additionalProperties", "not", "contains", "if", "then", "else"] as const;

/**
 * Every schema reachable from the given schema pointers, following local `$ref`s, each
 * pointer once (so a cycle or a shared schema costs one visit).
 */
export function reachableSchemas(doc: Doc, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const pointer = stack.pop() as string;
    if (seen.has(pointer)) continue;
    const schema = at(doc, pointer);
    if (!isObject(schema)) continue;
    seen.add(pointer);
    const target = refTarget(schema);
    if (target !== undefined) stack.push(target);
    const properties = own(schema, "properties");
    if (isObject(properties)) {
      for (const name of Object.keys(properties)) stack.push(`${pointer}${pointerOf("properties", name)}`);
    }
    for (const key of SUBSCHEMA_LISTS) {
      const list = own(schema, key);
      if (Array.isArray(list)) {
        for (let index = 0; index < list.length; index++) stack.push(`${pointer}${pointerOf(key, String(index))}`);
      }
    }
    for (const key of SUBSCHEMAS) {
      if (isObject(own(schema, key))) stack.push(`${pointer}${pointerOf(key)}`);
    }
  }
  return seen;
}

/** Pointers of the media-type schemas of every response (any status) of every operation. */
export function responseSchemaRoots(doc: Doc): string[] {
  const roots: string[] = [];
  for (const operation of operationsOf(doc)) {
    const responses = at(doc, `${operation.pointer}/responses`);
    if (!isObject(responses)) continue;
    for (const status of Object.keys(responses)) {
      const content = at(doc, `${operation.pointer}${pointerOf("responses", status, "content")}`);
      if (!isObject(content)) continue;
      for (const media of Object.keys(content)) {
        roots.push(`${operation.pointer}${pointerOf("responses", status, "content", media, "schema")}`);
      }
    }
  }
  return roots;
}

/** Pointers of the schemas of every request: parameters (operation and path level) and bodies. */
export function requestSchemaRoots(doc: Doc): string[] {
  const roots: string[] = [];
  for (const operation of operationsOf(doc)) {
    for (const owner of [operation.pointer, pointerOf("paths", operation.path)]) {
      const parameters = at(doc, `${owner}/parameters`);
      if (Array.isArray(parameters)) {
        for (let index = 0; index < parameters.length; index++) {
          roots.push(`${owner}${pointerOf("parameters", String(index), "schema")}`);
        }
      }
    }
    const content = at(doc, `${operation.pointer}/requestBody/content`);
    if (isObject(content)) {
      for (const media of Object.keys(content)) {
        roots.push(`${operation.pointer}${pointerOf("requestBody", "content", media, "schema")}`);
      }
    }
  }
  return roots;
}

/** Object schemas (with `properties`, or `type: object`) among the given pointers, `$ref`s skipped. */
export function objectSchemas(doc: Doc, pointers: Iterable<string>): string[] {
  return [...pointers].filter((pointer) => {
    const schema = at(doc, pointer);
    if (!isObject(schema) || refTarget(schema) !== undefined) return false;
    const type = own(schema, "type");
    return isObject(own(schema, "properties")) || type === "object" || (Array.isArray(type) && type.includes("object"));
  });
}

/** Schemas with an `enum` that only requests reach: a value added there widens what a client may send. */
export function requestOnlyEnums(doc: Doc): string[] {
  const responses = reachableSchemas(doc, responseSchemaRoots(doc));
  return [...reachableSchemas(doc, requestSchemaRoots(doc))].filter(
    (pointer) => !responses.has(pointer) && Array.isArray(at(doc, pointer)?.enum),
  );
}
