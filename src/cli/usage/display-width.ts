/**
 * How many terminal columns a text takes, so that columns line up whatever script a
 * metric name from the spec is written in: a user-perceived character (grapheme cluster,
 * UAX #29) is two columns when it is East Asian Wide or Fullwidth (UAX #11) or shown as
 * an emoji, none when it is only combining marks or format characters, else one.
 */

/** The blocks of East_Asian_Width W and F (UAX #11), by first code point of each range. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility, Kanbun, CJK strokes, enclosed
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6],
  [0x16fe0, 0x18cff], // Tangut and ideographic symbols
  [0x1b000, 0x1b2ff], // Kana supplement and extended
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x20000, 0x3fffd], // CJK extensions B and later, planes 2 and 3
];

const EMOJI = /\p{Emoji_Presentation}|\uFE0F/u;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;

function isWide(codePoint: number): boolean {
  return WIDE_RANGES.some(([low, high]) => codePoint >= low && codePoint <= high);
}

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Columns a text takes on a terminal; ASCII text is its length. */
export function displayWidth(text: string): number {
  // Printable ASCII only, the common case: one column per character.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (ZERO_WIDTH.test(segment)) continue;
    width += isWide(segment.codePointAt(0) ?? 0) || EMOJI.test(segment) ? 2 : 1;
  }
  return width;
}

/** Pads with spaces to `width` columns on the right (`"end"`) or on the left (`"start"`). */
export function padColumns(text: string, width: number, side: "start" | "end"): string {
  const padding = " ".repeat(Math.max(0, width - displayWidth(text)));
  return side === "end" ? text + padding : padding + text;
}

/**
 * The text cut to at most `max` columns, whole characters only, with `…` where it was cut:
 * a metric name of a thousand characters must not push its column off the screen.
 */
export function cutToColumns(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let kept = "";
  let width = 0;
  for (const { segment } of segmenter.segment(text)) {
    const next = displayWidth(segment);
    if (width + next > max - 1) break;
    kept += segment;
    width += next;
  }
  return `${kept}…`;
}
