import { describe, expect, test } from "vitest";
import { code, commentLine, displayText, oneLine, quoted } from "../../src/untrusted-text.js";

/**
 * Unicode's default-ignorable code points, as DerivedCoreProperties.txt (Unicode 15.0) lists
 * them under `Default_Ignorable_Code_Point`: characters a renderer draws as nothing. Written
 * out here, not derived from the runtime's own tables, so the test checks the code against
 * the Unicode data rather than against itself.
 */
const DEFAULT_IGNORABLE: readonly [number, number][] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff0, 0xfff8],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe0fff],
];

const codePoints = function* (ranges: readonly [number, number][]) {
  for (const [first, last] of ranges) for (let point = first; point <= last; point++) yield point;
};

/** Every code point a message must not carry raw: the ones above, C0, DEL, C1, U+2028/9. */
const MUST_BE_ESCAPED = [...DEFAULT_IGNORABLE, [0x00, 0x1f], [0x7f, 0x9f], [0x2028, 0x2029]] as [number, number][];

describe("invisible characters", () => {
  test.each([
    ["displayText", displayText],
    ["oneLine", oneLine],
  ])("%s writes every default-ignorable code point, control and line separator as an escape", (_name, escapeText) => {
    const raw: string[] = [];
    for (const point of codePoints(MUST_BE_ESCAPED)) {
      const char = String.fromCodePoint(point);
      const shown = escapeText(`a${char}b`);
      if (shown.includes(char) || !shown.startsWith("a\\u") || !shown.endsWith("b")) raw.push(point.toString(16));
    }
    expect(raw).toEqual([]);
  });

  test("quoted leaves none of them raw and still parses back to the same text", () => {
    const raw: string[] = [];
    for (const point of codePoints(MUST_BE_ESCAPED)) {
      const text = `a${String.fromCodePoint(point)}b`;
      const literal = quoted(text);
      if (/[^\x20-\x7e]/.test(literal) || JSON.parse(literal) !== text) raw.push(point.toString(16));
    }
    expect(raw).toEqual([]);
  });

  test.each([
    ["a zero-width space", "sessions_count", "sessions\u200b_count"],
    ["a tag character", "sessions_count", "sessions_count\u{e0041}"],
    ["a soft hyphen", "sessions_count", "ses\u00adsions_count"],
    ["a word joiner", "orgId", "org\u2060Id"],
    ["a byte-order mark", "orgId", "\ufefforgId"],
    ["a variation selector", "orgId", "orgId\ufe0f"],
    ["a Hangul filler", "orgId", "org\u3164Id"],
    ["a decomposed accent", "caf\u00e9", "cafe\u0301"],
  ])("two names that look the same read differently: %s", (_case, plain, disguised) => {
    expect(displayText(disguised)).not.toBe(displayText(plain));
    expect(code(disguised)).not.toBe(code(plain));
    // What the reader sees of the disguised name is what is written: nothing is drawn as nothing.
    expect(displayText(disguised)).toMatch(/^[\x20-\x7e\u00e9]+$/);
  });

  test("an astral character is escaped as both its UTF-16 units, as JSON and JavaScript read them", () => {
    expect(displayText("x\u{e0041}")).toBe("x\\udb40\\udc41");
    expect(JSON.parse(quoted("x\u{e0041}"))).toBe("x\u{e0041}");
  });

  test("text in NFC keeps its marks; a tab stays in a comment line", () => {
    expect(displayText("caf\u00e9 nai\u0308ve".normalize("NFC"))).toBe("café naïve");
    expect(commentLine("a\tb\u202ec\nd")).toBe("a\tb\\u202ec\\u000ad");
  });
});
