import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { displayText, oneLine } from "../../../src/untrusted-text.js";
import { diffDocuments } from "../diff/diff-documents.js";
import { LEVEL_ORDER, type Level } from "../diff/rules.js";
import { parseOpenApiDocument } from "../document/parse-openapi.js";
import type { OasdiffCase, OasdiffRule, Skipped } from "./oasdiff-cases.js";

/** One expected change as measured: did the differ report the id, and at which level. */
export interface Expectation {
  pair: string;
  id: string;
  level: Level;
  found: boolean;
  /** Our level for the id, when it is reported at another one. */
  ourLevel?: Level;
}

export interface ParityResult {
  cases: number;
  skipped: Map<Skipped, number>;
  /** Pairs whose documents the differ refused to read (named with the reason). */
  unreadable: { pair: string; reason: string }[];
  expectations: Expectation[];
  /** Ids a test asserts are absent, reported anyway. */
  reportedThoughAbsent: { pair: string; id: string }[];
  /**
   * Breaking changes of ours on a pair whose tests name no breaking rule. Most such tests
   * run one check only, so oasdiff may well report the change too: to be reviewed.
   */
  extraBreaking: { pair: string; id: string }[];
  /** Breaking or warning changes of ours on a pair that a test runs every check on and expects nothing of. */
  falseAlarms: { pair: string; id: string }[];
}

const byLevel = (level: Level, list: readonly Expectation[]) => list.filter((item) => item.level === level);

async function readDocument(checkerFolder: string, path: string) {
  const file = join(checkerFolder, path);
  return parseOpenApiDocument(await readFile(file, "utf8"), path);
}

/**
 * Runs the differ over every pair of oasdiff's checker tests and scores it against what
 * those tests expect: by level, whether each expected id is reported, and at oasdiff's
 * level; and which breaking changes we report where oasdiff's tests expect none.
 */
export async function measureParity(
  checkout: string,
  cases: readonly OasdiffCase[],
  rules: Map<string, OasdiffRule>,
  skipped: Map<Skipped, number>,
): Promise<ParityResult> {
  const levelOf = new Map([...rules.values()].map((rule) => [rule.id, rule.level]));
  const checkerFolder = join(checkout, "checker");
  const result: ParityResult = {
    cases: cases.length,
    skipped,
    unreadable: [],
    expectations: [],
    reportedThoughAbsent: [],
    extraBreaking: [],
    falseAlarms: [],
  };
  for (const pairCase of cases) {
    // File names come from another project's sources: shown escaped, like any text we did not write.
    const shown = (path: string) => displayText(path.replace(/^\.\.\/data\//, ""));
    const pair = `${shown(pairCase.base)} → ${shown(pairCase.revision)}`;
    let reported: Map<string, Level>;
    try {
      const report = diffDocuments(
        await readDocument(checkerFolder, pairCase.base),
        await readDocument(checkerFolder, pairCase.revision),
      );
      // A change seen from several places is one finding with a rule per kind of place: each counts.
      reported = new Map(
        report.changes.flatMap((found) => [
          [found.id, found.level] as const,
          ...(found.reach?.rules ?? []).map((rule) => [rule.id, rule.level] as const),
        ]),
      );
    } catch (error) {
      result.unreadable.push({ pair, reason: oneLine((error as Error).message) });
      reported = new Map();
    }
    for (const id of pairCase.expected) {
      const level = levelOf.get(id) ?? "info";
      const ourLevel = reported.get(id);
      result.expectations.push({
        pair,
        id,
        level,
        found: ourLevel !== undefined,
        ...(ourLevel !== undefined && ourLevel !== level ? { ourLevel } : {}),
      });
    }
    const levelRank = (level: Level) => LEVEL_ORDER.indexOf(level);
    for (const group of pairCase.expectedAnyOf) {
      // Any one of the group will do; unmet, it counts at the strictest level among them.
      const met = group.find((id) => reported.has(id));
      const levels = group.map((id) => levelOf.get(id) ?? "info").sort((a, b) => levelRank(a) - levelRank(b));
      const level = met === undefined ? (levels[0] as Level) : (levelOf.get(met) ?? "info");
      const ourLevel = met === undefined ? undefined : reported.get(met);
      result.expectations.push({
        pair,
        id: met ?? group.join(" | "),
        level,
        found: met !== undefined,
        ...(ourLevel !== undefined && ourLevel !== level ? { ourLevel } : {}),
      });
    }
    for (const id of pairCase.notExpected) if (reported.has(id)) result.reportedThoughAbsent.push({ pair, id });
    const expectsBreaking = [...pairCase.expected, ...pairCase.expectedAnyOf.flat()].some(
      (id) => levelOf.get(id) === "breaking",
    );
    if (pairCase.expectsNothing) {
      for (const [id, level] of reported) if (level !== "info") result.falseAlarms.push({ pair, id });
    }
    if (!expectsBreaking) {
      for (const [id, level] of reported) if (level === "breaking") result.extraBreaking.push({ pair, id });
    }
  }
  return result;
}

const share = (part: number, whole: number) => (whole === 0 ? "—" : `${((100 * part) / whole).toFixed(0)} %`);

/** The measurement as Markdown: totals by level, then every miss, mismatch and extra. */
export function parityMarkdown(result: ParityResult, details: boolean): string {
  const lines = [
    `Document pairs replayed: ${result.cases} (test functions skipped: ${[...result.skipped].map(([reason, count]) => `${count} ${reason}`).join(", ")}); unreadable pairs: ${result.unreadable.length}`,
    "",
    "| oasdiff level | expected | reported at that level | share | reported at another level |",
    "|---|---|---|---|---|",
  ];
  for (const level of LEVEL_ORDER) {
    const list = byLevel(level, result.expectations);
    const atLevel = list.filter((item) => item.found && item.ourLevel === undefined).length;
    const mismatched = list.filter((item) => item.ourLevel !== undefined).length;
    lines.push(`| ${level} | ${list.length} | ${atLevel} | ${share(atLevel, list.length)} | ${mismatched} |`);
  }
  const gating = result.expectations.filter((item) => item.level !== "info");
  const gatingFound = gating.filter((item) => item.found && item.ourLevel === undefined).length;
  lines.push(
    "",
    `Breaking and warning together: ${gatingFound} of ${gating.length} (${share(gatingFound, gating.length)}).`,
    `Breaking or warning changes where a test runs every oasdiff check and expects none (false alarms): ${result.falseAlarms.length}.`,
    `Breaking changes on pairs whose tests name no breaking rule (mostly single-check tests; to review): ${result.extraBreaking.length}.`,
    `Ids reported that a test asserts are absent: ${result.reportedThoughAbsent.length}.`,
  );
  if (details) {
    const missing = new Map<string, string[]>();
    for (const item of result.expectations) {
      if (item.found && item.ourLevel === undefined) continue;
      const key = `${item.level} ${item.id}${item.ourLevel ? ` (ours: ${item.ourLevel})` : ""}`;
      missing.set(key, [...(missing.get(key) ?? []), item.pair]);
    }
    lines.push("", "Missed or at another level:", "");
    for (const [key, pairs] of [...missing].sort())
      lines.push(`- ${key}: ${pairs.length} — ${pairs.slice(0, 3).join("; ")}`);
    lines.push("", "False alarms:", "", ...result.falseAlarms.map((item) => `- ${item.id}: ${item.pair}`));
    lines.push("", "Extra breaking:", "", ...result.extraBreaking.map((item) => `- ${item.id}: ${item.pair}`));
    lines.push(
      "",
      "Reported though asserted absent:",
      "",
      ...result.reportedThoughAbsent.map((item) => `- ${item.id}: ${item.pair}`),
    );
    lines.push("", "Unreadable:", "", ...result.unreadable.map((item) => `- ${item.pair}: ${item.reason}`));
  }
  return `${lines.join("\n")}\n`;
}
