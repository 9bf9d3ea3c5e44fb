import { DevinConfigError } from "./errors.js";
import { splitTemplate } from "./path-template.js";

function describe(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  return typeof value === "string" ? JSON.stringify(value) : `a ${typeof value}`;
}

/**
 * openapi-fetch's `pathSerializer`, strict: every template parameter must be given as a
 * non-empty string (every path parameter of the spec is one, after the repair), and it is
 * percent-encoded into exactly one path segment. A number, or anything else, is refused:
 * `orgId: 123` is a mistake the type checker catches, and at run time it fails the same
 * way rather than sending `/organizations/123/…`. openapi-fetch's default leaves a missing value as the literal `{name}`
 * (`/organizations/%7Borg_id%7D/…`) and passes `.` and `..` through, which the URL
 * parser then resolves (`/organizations/../metrics` requests `/metrics`): a request to
 * another resource than the one typed. Both throw here, before any request is made.
 */
export function strictPathSerializer(pathname: string, pathParams: Record<string, unknown>): string {
  const parts = splitTemplateCached(pathname);
  let path = parts[0] as string;
  for (let index = 1; index < parts.length; index += 2) {
    path += segment(parts[index] as string, pathParams) + (parts[index + 1] as string);
  }
  return path;
}

function segment(name: string, pathParams: Record<string, unknown>): string {
  const value = Object.hasOwn(pathParams, name) ? pathParams[name] : undefined;
  if (typeof value !== "string") {
    throw new DevinConfigError(`Path parameter ${name} must be a string, got ${describe(value)}`);
  }
  if (value === "" || value === "." || value === "..") {
    throw new DevinConfigError(
      `Path parameter ${name} cannot be ${describe(value)}: it would not name one path segment`,
    );
  }
  return encodeURIComponent(value);
}

/** Templates already split (a bounded few: a client calls the same handful of paths). */
const SPLIT_TEMPLATES = new Map<string, string[]>();

/** On every call's path: splitting once per template rather than a regular expression per call. */
function splitTemplateCached(pathname: string): string[] {
  let parts = SPLIT_TEMPLATES.get(pathname);
  if (parts === undefined) {
    parts = splitTemplate(pathname);
    if (SPLIT_TEMPLATES.size < 256) SPLIT_TEMPLATES.set(pathname, parts);
  }
  return parts;
}
