import { readdir, readFile } from "node:fs/promises";
import { join, posix } from "node:path";

/**
 * What oasdiff's checker tests expect of one pair of documents: the rule ids they assert
 * are reported, and those they assert are not. Read from the Go sources of an oasdiff
 * checkout, so the measurement runs against the reference's own expectations, not ours.
 */
export interface OasdiffCase {
  /** The test functions this pair comes from, `file.go:TestName`. */
  tests: string[];
  /** Paths relative to the checkout's `checker/` folder, as the tests open them. */
  base: string;
  revision: string;
  expected: Set<string>;
  /** Groups of ids of which a test accepts any one (`slices.Contains([]string{A, B}, id)`). */
  expectedAnyOf: string[][];
  notExpected: Set<string>;
  /** A test runs every check on the pair and asserts that nothing at all is reported. */
  expectsNothing: boolean;
}

/** A rule as oasdiff's registry declares it: id string and level. */
export interface OasdiffRule {
  id: string;
  level: "breaking" | "warning" | "info";
}

const LEVELS = { ERR: "breaking", WARN: "warning", INFO: "info" } as const;

/** Why a test function was left out of the measurement; counted in the report. */
export type Skipped = "no document pair" | "documents changed in code" | "non-default configuration";

/** `FooId = "foo"` constants and `newBackwardCompatibilityRule(FooId, ERR, …)` entries of `checker/*.go`. */
export function readRuleRegistry(sources: readonly string[]): Map<string, OasdiffRule> {
  const ids = new Map<string, string>();
  for (const source of sources) {
    for (const match of source.matchAll(/\b(\w+Id)\s*=\s*"([a-z0-9-]+)"/g))
      ids.set(match[1] as string, match[2] as string);
  }
  const rules = new Map<string, OasdiffRule>();
  for (const source of sources) {
    for (const match of source.matchAll(/newBackwardCompatibilityRule\(\s*(\w+Id)\s*,\s*(ERR|WARN|INFO)\b/g)) {
      const id = ids.get(match[1] as string);
      if (id !== undefined) rules.set(match[1] as string, { id, level: LEVELS[match[2] as keyof typeof LEVELS] });
    }
  }
  return rules;
}

interface TestFunction {
  name: string;
  body: string;
}

function testFunctions(source: string): TestFunction[] {
  const starts = [...source.matchAll(/^func (Test\w+)\(t \*testing\.T\) \{$/gm)];
  return starts.map((match, index) => ({
    name: match[1] as string,
    body: source.slice(match.index, starts[index + 1]?.index ?? source.length),
  }));
}

/** Lines that assert an id is absent. */
const NEGATIVE = /\brequire\.(False|NotEqual|NotContains)\b|\brequireNoChange\(/;

/**
 * The document pair of a test function: `s1, err := open("…")` and `s2, …` as passed to
 * `diff.Get…(config, s1, s2)`, or `d(t, config, 1, 2)` for the numbered `openapi-testN.yaml`.
 */
function documentPair(
  body: string,
  dataFolders: Map<string, string>,
): { base: string; revision: string; config: string } | undefined {
  const numbered = body.match(/\bd\(t,\s*([^,]+),\s*(\d+),\s*(\d+)\)/);
  if (numbered) {
    return {
      base: `../data/openapi-test${numbered[2]}.yaml`,
      revision: `../data/openapi-test${numbered[3]}.yaml`,
      config: numbered[1] as string,
    };
  }
  const opened = new Map<string, string>();
  for (const match of body.matchAll(/\b(\w+),\s*err\s*:?=\s*open\("([^"]+)"/g))
    opened.set(match[1] as string, match[2] as string);
  // `open(deprecationFile("base.yaml"))`: a file of a data folder named by a helper.
  for (const match of body.matchAll(/\b(\w+),\s*err\s*:?=\s*open\((\w+)\("([^"]+)"\)/g)) {
    const folder = dataFolders.get(match[2] as string);
    if (folder !== undefined) opened.set(match[1] as string, `../data/${folder}/${match[3]}`);
  }
  // `s1 := l(t, 1)`: the numbered `openapi-testN.yaml`.
  for (const match of body.matchAll(/\b(\w+)\s*:?=\s*l\(t,\s*(\d+)[,)]/g)) {
    opened.set(match[1] as string, `../data/openapi-test${match[2]}.yaml`);
  }
  const call = body.match(/\bdiff\.Get\w*\(\s*([^,]+),\s*(\w+),\s*(\w+)\s*\)/);
  if (!call) return undefined;
  const base = opened.get(call[2] as string);
  const revision = opened.get(call[3] as string);
  if (base === undefined || revision === undefined) return undefined;
  return { base, revision, config: call[1] as string };
}

/**
 * The cases of oasdiff's checker tests that compare two documents as written: a test that
 * edits a loaded document in Go, or runs with non-default options, cannot be replayed
 * from the files, and is counted as skipped instead.
 */
export function casesOfTestFile(
  file: string,
  source: string,
  rules: Map<string, OasdiffRule>,
  dataFolders: Map<string, string> = new Map(),
): { cases: OasdiffCase[]; skipped: Skipped[] } {
  const cases: OasdiffCase[] = [];
  const skipped: Skipped[] = [];
  const ruleIds = new Set([...rules.values()].map((rule) => rule.id));
  for (const { name, body } of testFunctions(source)) {
    const pair = documentPair(body, dataFolders);
    if (pair === undefined || pair.base === pair.revision) {
      skipped.push("no document pair");
      continue;
    }
    if (/\b\w+\.Spec\b/.test(body)) {
      skipped.push("documents changed in code");
      continue;
    }
    if (pair.config.trim() !== "diff.NewConfig()" || /\.With\w+\(|Ignore/.test(body)) {
      skipped.push("non-default configuration");
      continue;
    }
    const expected = new Set<string>();
    const notExpected = new Set<string>();
    const expectedAnyOf: string[][] = [];
    // `[]string{A, B}` lists ids of which any one will do: one expectation, not two.
    let rest = body;
    for (const match of body.matchAll(/\[\]string\{([^}]*)\}/g)) {
      const group = [...(match[1] as string).matchAll(/\bchecker\.(\w+Id)\b/g)]
        .map((id) => rules.get(id[1] as string)?.id)
        .filter((id): id is string => id !== undefined);
      if (group.length < 2) continue;
      expectedAnyOf.push(group);
      rest = rest.replace(match[0], "");
    }
    for (const line of rest.split("\n")) {
      if (/^\s*Comment:/.test(line)) continue;
      for (const match of line.matchAll(/\bchecker\.(\w+Id)\b/g)) {
        const rule = rules.get(match[1] as string);
        if (rule === undefined) continue;
        (NEGATIVE.test(line) ? notExpected : expected).add(rule.id);
      }
      // Some tests spell the id as a string: `require.Equal(t, "request-property-pattern-added", errs[0].GetId())`.
      if (/GetId\(\)|containsId\(/.test(line)) {
        for (const match of line.matchAll(/"([a-z0-9-]+)"/g)) {
          if (!ruleIds.has(match[1] as string)) continue;
          (NEGATIVE.test(line) ? notExpected : expected).add(match[1] as string);
        }
      }
    }
    const expectsNothing =
      /\ballChecksConfig\(\)/.test(body) && /require\.(Empty\(t, errs\)|Len\(t, errs, 0\))/.test(body);
    cases.push({
      tests: [`${file}:${name}`],
      base: pair.base,
      revision: pair.revision,
      expected,
      expectedAnyOf,
      notExpected,
      expectsNothing,
    });
  }
  return { cases, skipped };
}

/** Every case of a checkout's `checker/*_test.go`, one per document pair (tests of the same pair merged). */
export async function readOasdiffCases(checkout: string): Promise<{
  cases: OasdiffCase[];
  skipped: Map<Skipped, number>;
  rules: Map<string, OasdiffRule>;
}> {
  const folder = join(checkout, "checker");
  const names = (await readdir(folder)).filter((name) => name.endsWith(".go")).sort();
  const sources = new Map<string, string>();
  for (const name of names) sources.set(name, await readFile(join(folder, name), "utf8"));
  const rules = readRuleRegistry([...sources].filter(([name]) => !name.endsWith("_test.go")).map(([, text]) => text));
  // `deprecationFile = dataFileFn("deprecation")`: helpers that name a folder of data/.
  const dataFolders = new Map<string, string>();
  for (const source of sources.values()) {
    for (const match of source.matchAll(/\b(\w+)\s*=\s*dataFileFn\("([^"]+)"\)/g))
      dataFolders.set(match[1] as string, match[2] as string);
  }
  const byPair = new Map<string, OasdiffCase>();
  const skipped = new Map<Skipped, number>();
  for (const [name, source] of sources) {
    if (!name.endsWith("_test.go")) continue;
    const found = casesOfTestFile(name, source, rules, dataFolders);
    for (const reason of found.skipped) skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
    for (const pairCase of found.cases) {
      const key = `${posix.normalize(pairCase.base)}\n${posix.normalize(pairCase.revision)}`;
      const known = byPair.get(key);
      if (known === undefined) byPair.set(key, pairCase);
      else {
        known.tests.push(...pairCase.tests);
        for (const id of pairCase.expected) known.expected.add(id);
        for (const id of pairCase.notExpected) known.notExpected.add(id);
        known.expectedAnyOf.push(...pairCase.expectedAnyOf);
        known.expectsNothing ||= pairCase.expectsNothing;
      }
    }
  }
  return { cases: [...byPair.values()], skipped, rules };
}
