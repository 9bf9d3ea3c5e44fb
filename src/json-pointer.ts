/** Where component schemas live, as a local reference spells it. */
export const COMPONENT_SCHEMAS = "#/components/schemas/";

/** RFC 6901 §3: `~` is written `~0` and `/` is written `~1` inside a reference token. */
export function pointerToken(key: string | number): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** A JSON pointer from its unescaped tokens. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((token) => `/${pointerToken(token)}`).join("");
}

/**
 * What a local reference (`#` or `#/a/b~1c`) points at within `document`: its tokens
 * percent-decoded (a URI fragment, RFC 6901 §6) and unescaped (§4), followed through own
 * properties and array indices only, so `#/components/schemas/constructor` never finds
 * `Object`. `found` is false for anything that does not resolve, a malformed escape
 * included.
 */
export function resolvePointer(document: unknown, ref: string): { found: boolean; value: unknown } {
  if (ref === "#") return { found: true, value: document };
  if (!ref.startsWith("#/")) return { found: false, value: undefined };
  let target = document;
  for (const raw of ref.slice(2).split("/")) {
    let token: string;
    try {
      token = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    } catch {
      return { found: false, value: undefined };
    }
    if (Array.isArray(target) && /^(0|[1-9]\d*)$/.test(token) && Number(token) < target.length) {
      target = target[Number(token)];
    } else if (
      typeof target === "object" &&
      target !== null &&
      !Array.isArray(target) &&
      Object.hasOwn(target, token)
    ) {
      target = (target as Record<string, unknown>)[token];
    } else {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: target };
}
