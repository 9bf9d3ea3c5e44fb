/** RFC 6901 §3: `~` is written `~0` and `/` is written `~1` inside a reference token. */
export function pointerToken(key: string | number): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** A JSON pointer from its unescaped tokens. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((token) => `/${pointerToken(token)}`).join("");
}
