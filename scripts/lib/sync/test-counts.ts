/** How many tests a run passed, failed and skipped, as the runner counted them. */
export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  todo: number;
  total: number;
}

/** vitest's summary line: `Tests  2 failed | 1033 passed | 3 skipped (1038)` (colour codes removed first). */
const SUMMARY = /^\s*Tests\s+(.+?)\s+\((\d+)\)\s*$/m;
const PART = /^(\d+) (passed|failed|skipped|todo)$/;

// ESC [ … letter: the colour codes a runner may print even when asked not to.
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/**
 * The counts of the test step's output, from vitest's summary line; undefined when the
 * output has none (another runner, or a run that ended before its summary), so a report
 * says "not counted" rather than inventing a number.
 */
export function parseTestCounts(output: string): TestCounts | undefined {
  const match = SUMMARY.exec(output.replace(COLOUR, ""));
  if (!match) return undefined;
  const counts: TestCounts = { passed: 0, failed: 0, skipped: 0, todo: 0, total: Number(match[2]) };
  for (const part of (match[1] as string).split("|")) {
    const found = PART.exec(part.trim());
    if (!found) return undefined;
    counts[found[2] as "passed" | "failed" | "skipped" | "todo"] = Number(found[1]);
  }
  return counts;
}

/** vitest's line for each failing test: ` FAIL  test/x.test.ts > suite > name`. */
const FAILED = /^\s*FAIL\s+(\S.*?)\s*$/gm;

/**
 * The failing tests the output names (file › suite › test), each once, in order: the
 * list a reviewer starts from when the tail of the output shows only the last of them.
 */
export function parseFailedTests(output: string): string[] {
  const names = [...output.replace(COLOUR, "").matchAll(FAILED)].map((match) => match[1] as string);
  return [...new Set(names)];
}

/** `1035 passed, 0 failed, 2 skipped (of 1037)`. */
export function describeTestCounts(counts: TestCounts): string {
  const todo = counts.todo > 0 ? `, ${counts.todo} todo` : "";
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${todo} (of ${counts.total})`;
}
