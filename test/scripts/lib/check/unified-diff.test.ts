import { describe, expect, test } from "vitest";
import { unifiedDiff } from "../../../../scripts/lib/check/unified-diff.js";

const labels = { before: "a", after: "b" };
const lines = (count: number) => Array.from({ length: count }, (_, index) => `line ${index + 1}`);

describe("unifiedDiff", () => {
  test("equal texts give no diff", () => {
    expect(unifiedDiff("x\ny\n", "x\ny\n", labels)).toBe("");
  });

  test("one changed line with three lines of context", () => {
    const before = lines(10).join("\n");
    const after = before.replace("line 5", "line five");
    expect(unifiedDiff(before, after, labels)).toBe(
      [
        "--- a",
        "+++ b",
        "@@ -2,7 +2,7 @@",
        "line 2",
        "line 3",
        "line 4",
        "-line 5",
        "+line five",
        "line 6",
        "line 7",
        "line 8",
        "",
      ]
        .join("\n")
        .replace(/\nline/g, "\n line"),
    );
  });

  test("far-apart changes make separate hunks; an insertion shifts later line numbers", () => {
    const before = lines(30);
    const after = [...before];
    after.splice(2, 0, "inserted");
    after[25] = "changed";
    const diff = unifiedDiff(before.join("\n"), after.join("\n"), labels);
    const hunks = diff.split("\n").filter((line) => line.startsWith("@@"));
    expect(hunks).toEqual(["@@ -1,5 +1,6 @@", "@@ -22,7 +23,7 @@"]);
    expect(diff).toContain("+inserted");
    expect(diff).toContain("-line 25\n+changed");
  });

  test("long diffs are cut with a count of what was left out", () => {
    const diff = unifiedDiff(
      lines(200).join("\n"),
      lines(200)
        .map((line) => `${line}!`)
        .join("\n"),
      labels,
      20,
    );
    expect(diff.split("\n").length).toBe(22);
    expect(diff).toMatch(/… 383 more diff lines not shown\n$/);
  });
});
