/** `{name}` in a path template (OpenAPI 3.1 §4.8.8.2). Global: use with `replace` or `matchAll`. */
export const PATH_TEMPLATE = /\{([^{}]*)\}/g;

/** The parameter names of a path template, in order: `/a/{x}/b/{y}` → `["x", "y"]`. */
export function templateNames(path: string): string[] {
  return [...path.matchAll(PATH_TEMPLATE)].map((match) => match[1] as string);
}

/**
 * A path template split at its parameters: literal text at even indexes, parameter names
 * at odd ones (`/a/{x}/b` → `["/a/", "x", "/b"]`).
 */
export function splitTemplate(path: string): string[] {
  return path.split(PATH_TEMPLATE);
}
