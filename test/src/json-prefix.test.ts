import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { jsonPrefix } from "../../src/json-prefix.js";

describe("jsonPrefix: the start of JSON.stringify, iteratively", () => {
  test("equals JSON.stringify cut at the limit, for any JSON value and limit", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 300 }), (value, limit) => {
        expect(jsonPrefix(value, limit)).toBe(JSON.stringify(value).slice(0, limit));
      }),
      { numRuns: 1000 },
    );
  });

  test.each([
    ["a 200 000-deep array", () => nest(200_000, (inner) => [inner]), "[[[[[[[[[[[[[[[["],
    ["a 100 000-deep object", () => nest(100_000, (inner) => ({ a: inner })), '{"a":{"a":{"a":{'],
  ])("%s, which JSON.stringify cannot write, is written as far as asked", (_name, make, want) => {
    const deep = make();
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(jsonPrefix(deep, 16)).toBe(want);
  });

  test("a long string is cut before it is escaped: the work is the limit's, not the string's", () => {
    expect(jsonPrefix("x".repeat(5_000_000), 5)).toBe('"xxxx');
  });
});

function nest(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 0;
  for (let level = 0; level < depth; level++) value = wrap(value);
  return value;
}
