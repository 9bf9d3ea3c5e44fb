import fc from "fast-check";

/**
 * Names and texts that upstream may publish, for the change generators: any script, any
 * length, and the strings that break an output format when one forgets to escape them
 * (a terminal escape, a spreadsheet formula, Markdown and HTML syntax, invisible and
 * bidirectional characters, the names of `Object.prototype`).
 */
const HOSTILE_NAMES = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  '=HYPERLINK("https://example.invalid","x")',
  "@SUM(1+1)",
  "+1",
  "-1",
  "\u001b]0;title\u0007",
  "\u001b[2J",
  "a\u200bb",
  "\u202eevil",
  "\udb40\udc41tag",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the hostile text.
  "*/ ${x} `y`",
  "</script><img src=x>",
  "| a | b |",
  "line\nbreak",
  "\u2028",
  "(a|aa)+$",
  "sessions (beta",
  "a.b[0]",
  "😀",
  "نشاط",
  "使用量",
];

/** A name of 1 to ~1000 characters, any Unicode code point, sometimes one of the hostile ones. */
export const anyName: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 24 }) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,30}$/) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 200, maxLength: 1000 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
);

/** A free text (a description, a summary): any code point, up to a few hundred characters. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constantFrom(...HOSTILE_NAMES),
);

/** A component name: OpenAPI 3.x restricts those to `^[a-zA-Z0-9.\-_]+$`. */
export const componentName: fc.Arbitrary<string> = fc.stringMatching(/^[A-Za-z][A-Za-z0-9._-]{0,40}$/);

/** An HTTP header name (an RFC 9110 token). */
export const headerName: fc.Arbitrary<string> = fc.stringMatching(/^X-[A-Za-z0-9][A-Za-z0-9-]{0,30}$/);

/** A path segment of any script, without the characters that end or template a segment. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
  fc
    .string({ unit: "grapheme", minLength: 1, maxLength: 10 })
    .map((text) => text.replace(/[/{}?#%\s\\]/gu, "-"))
    .filter((text) => text !== "." && text !== ".." && text.length > 0),
);
