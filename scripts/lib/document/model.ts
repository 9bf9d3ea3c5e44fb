import { resolvePointer } from "../../../src/json-pointer.js";

/**
 * The few shapes of an OpenAPI 3.0/3.1 document that the pipeline itself walks. Everything
 * else is carried through untouched as `unknown`; openapi-typescript owns the full model.
 */
export interface OpenApiDocument {
  openapi: string;
  info?: Record<string, unknown>;
  paths: Record<string, PathItem | undefined>;
  components?: { parameters?: Record<string, unknown>; schemas?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}

export interface PathItem {
  parameters?: unknown[];
  [key: string]: unknown;
}

export interface Operation {
  operationId?: string;
  parameters?: unknown[];
  deprecated?: boolean;
  [key: string]: unknown;
}

/** The HTTP methods a path item can hold an operation under (OpenAPI 3.1 §4.8.9). */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A successful response status: `200`–`299` or the range `2XX` (OpenAPI 3.1 §4.8.16.2). */
export function isSuccessStatus(status: string): boolean {
  return /^2(\d\d|XX)$/.test(status);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Each operation of the document with its path and method, in document order. */
export function* operationsOf(
  document: OpenApiDocument,
): Generator<{ path: string; method: HttpMethod; pathItem: PathItem; operation: Operation }> {
  for (const [path, pathItem] of Object.entries(document.paths)) {
    if (!isRecord(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isRecord(operation)) yield { path, method, pathItem, operation };
    }
  }
}

/**
 * Follows a local `$ref` (`#/components/...`) to what it points at; other values come back
 * as they are. JSON pointer escapes (`~0`, `~1`) are honoured (RFC 6901 §4).
 */
export function resolveLocalRef(document: unknown, value: unknown, seen = new Set<string>()): unknown {
  if (!isRecord(value) || typeof value.$ref !== "string" || !value.$ref.startsWith("#/")) return value;
  const ref = value.$ref;
  if (seen.has(ref)) return value;
  seen.add(ref);
  return resolveLocalRef(document, resolvePointer(document, ref).value, seen);
}
