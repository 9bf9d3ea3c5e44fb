import { DevinConfigError } from "./errors.js";
import { PATH_TEMPLATE } from "./path-template.js";

function describe(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  return typeof value === "string" ? JSON.stringify(value) : `a ${typeof value}`;
}

/**
 * openapi-fetch's `pathSerializer`, strict: every template parameter must be given as a
 * non-empty string (or a finite number), and it is percent-encoded into exactly one path
 * segment. openapi-fetch's default leaves a missing value as the literal `{name}`
 * (`/organizations/%7Borg_id%7D/…`) and passes `.` and `..` through, which the URL
 * parser then resolves (`/organizations/../metrics` requests `/metrics`): a request to
 * another resource than the one typed. Both throw here, before any request is made.
 */
export function strictPathSerializer(pathname: string, pathParams: Record<string, unknown>): string {
  return pathname.replace(PATH_TEMPLATE, (_match, name: string) => {
    const value = Object.hasOwn(pathParams, name) ? pathParams[name] : undefined;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    if (typeof value !== "string") {
      throw new DevinConfigError(`Path parameter ${name} must be a string, got ${describe(value)}`);
    }
    if (value === "" || value === "." || value === "..") {
      throw new DevinConfigError(
        `Path parameter ${name} cannot be ${describe(value)}: it would not name one path segment`,
      );
    }
    return encodeURIComponent(value);
  });
}
