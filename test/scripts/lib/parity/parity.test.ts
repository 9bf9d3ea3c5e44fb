import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { measureParity, parityMarkdown } from "../../../../scripts/lib/parity/measure-parity.js";
import { casesOfTestFile, readOasdiffCases, readRuleRegistry } from "../../../../scripts/lib/parity/oasdiff-cases.js";

/** A registry in the shape of oasdiff's `checker/`: id constants and rule entries. */
const RULES_GO = `package checker
const (
	RequestParameterRemovedId = "request-parameter-removed"
	NewRequiredRequestParameterId = "new-required-request-parameter"
	NewOptionalRequestParameterId = "new-optional-request-parameter"
)
var allRules = []BackwardCompatibilityRule{
	newBackwardCompatibilityRule(RequestParameterRemovedId, WARN, RequestParameterRemovedCheck, DirectionRequest),
	newBackwardCompatibilityRule(NewRequiredRequestParameterId, ERR, NewRequestParameterCheck, DirectionRequest),
	newBackwardCompatibilityRule(NewOptionalRequestParameterId, INFO, NewRequestParameterCheck, DirectionRequest),
}
`;

/** Tests in the shapes the reader knows, and the ones it must skip. */
const TESTS_GO = `package checker_test

func TestRemoved(t *testing.T) {
	s1, err := open("../data/checker/with.yaml")
	require.NoError(t, err)
	s2, err := open(fixtureFile("without.yaml"))
	require.NoError(t, err)
	d, osm, err := diff.GetWithOperationsSourcesMap(diff.NewConfig(), s1, s2)
	errs := checker.CheckBackwardCompatibility(allChecksConfig(), d, osm)
	requireSingleChange(t, errs, checker.RequestParameterRemovedId)
	require.False(t, containsId(errs, checker.NewOptionalRequestParameterId))
}

func TestAddedEitherWay(t *testing.T) {
	s1, err := open(fixtureFile("without.yaml"))
	s2, err := open("../data/checker/with.yaml")
	d, osm, err := diff.GetWithOperationsSourcesMap(diff.NewConfig(), s1, s2)
	if slices.Contains([]string{
		checker.NewRequiredRequestParameterId,
		checker.NewOptionalRequestParameterId,
	}, errs[0].GetId()) {
	}
}

func TestEditedInCode(t *testing.T) {
	s1, err := open("../data/checker/with.yaml")
	s2, err := open(fixtureFile("without.yaml"))
	s2.Spec.Paths.Value("/things").Get = nil
	d, osm, err := diff.GetWithOperationsSourcesMap(diff.NewConfig(), s1, s2)
}

func TestWithOptions(t *testing.T) {
	s1, err := open("../data/checker/with.yaml")
	s2, err := open(fixtureFile("without.yaml"))
	d, osm, err := diff.GetWithOperationsSourcesMap(diff.NewConfig().WithExcludeElements(x), s1, s2)
}

func TestNoFiles(t *testing.T) {
	require.Equal(t, 1, 1)
}
`;

const document = (parameters: unknown[]) =>
  JSON.stringify({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: { "/things": { get: { parameters, responses: { "200": { description: "ok" } } } } },
  });

let checkout: string | undefined;
afterEach(async () => {
  if (checkout) await rm(checkout, { recursive: true, force: true });
  checkout = undefined;
});

describe("reading oasdiff's checker tests", () => {
  test("the registry: id constants and their levels", () => {
    const rules = readRuleRegistry([RULES_GO]);
    expect(rules.get("RequestParameterRemovedId")).toEqual({ id: "request-parameter-removed", level: "warning" });
    expect(rules.get("NewRequiredRequestParameterId")).toEqual({
      id: "new-required-request-parameter",
      level: "breaking",
    });
  });

  test("pairs, expected and absent ids, any-of groups; tests that cannot be replayed are counted, not read", () => {
    const rules = readRuleRegistry([RULES_GO]);
    const { cases, skipped } = casesOfTestFile("x_test.go", TESTS_GO, rules, new Map([["fixtureFile", "fixtures"]]));
    expect(cases.map(({ tests, base, revision }) => ({ tests, base, revision }))).toEqual([
      {
        tests: ["x_test.go:TestRemoved"],
        base: "../data/checker/with.yaml",
        revision: "../data/fixtures/without.yaml",
      },
      {
        tests: ["x_test.go:TestAddedEitherWay"],
        base: "../data/fixtures/without.yaml",
        revision: "../data/checker/with.yaml",
      },
    ]);
    expect(cases[0]?.expected).toEqual(new Set(["request-parameter-removed"]));
    expect(cases[0]?.notExpected).toEqual(new Set(["new-optional-request-parameter"]));
    expect(cases[0]?.expectsNothing).toBe(false);
    expect(cases[1]?.expected).toEqual(new Set());
    expect(cases[1]?.expectedAnyOf).toEqual([["new-required-request-parameter", "new-optional-request-parameter"]]);
    expect(skipped.sort()).toEqual(["documents changed in code", "no document pair", "non-default configuration"]);
  });

  test("a checkout measured end to end: found, missed and the report", async () => {
    checkout = await mkdtemp(join(tmpdir(), "parity-"));
    await mkdir(join(checkout, "checker"));
    await mkdir(join(checkout, "data", "checker"), { recursive: true });
    await mkdir(join(checkout, "data", "fixtures"));
    await writeFile(join(checkout, "checker", "rules.go"), RULES_GO);
    await writeFile(
      join(checkout, "checker", "helpers_test.go"),
      'package checker_test\nvar fixtureFile = dataFileFn("fixtures")\n',
    );
    await writeFile(join(checkout, "checker", "x_test.go"), TESTS_GO);
    await writeFile(
      join(checkout, "data", "checker", "with.yaml"),
      document([{ in: "query", name: "q", required: true, schema: { type: "string" } }]),
    );
    await writeFile(join(checkout, "data", "fixtures", "without.yaml"), document([]));

    const { cases, skipped, rules } = await readOasdiffCases(checkout);
    const result = await measureParity(checkout, cases, rules, skipped);
    expect(result.unreadable).toEqual([]);
    expect(result.expectations.map(({ id, level, found }) => ({ id, level, found }))).toEqual([
      { id: "request-parameter-removed", level: "warning", found: true },
      { id: "new-required-request-parameter", level: "breaking", found: true },
    ]);
    expect(result.falseAlarms).toEqual([]);
    const report = parityMarkdown(result, true);
    expect(report).toContain("| warning | 1 | 1 | 100 % | 0 |");
    expect(report).toContain("Breaking and warning together: 2 of 2 (100 %).");
  });

  test("names and errors from the checkout reach the report escaped, one line each", async () => {
    checkout = await mkdtemp(join(tmpdir(), "parity-"));
    const hostile = "../data/x\u001b[2J\n::warning::y.yaml";
    const result = await measureParity(
      checkout,
      [
        {
          tests: ["x_test.go:TestHostile"],
          base: hostile,
          revision: hostile,
          expected: new Set(["request-parameter-removed"]),
          expectedAnyOf: [],
          notExpected: new Set(),
          expectsNothing: false,
        },
      ],
      readRuleRegistry([RULES_GO]),
      new Map(),
    );
    expect(result.unreadable).toHaveLength(1);
    const report = parityMarkdown(result, true);
    expect(report).not.toMatch(new RegExp(`[${"\\u0000-\\u0009\\u000b-\\u001f"}]`));
    expect(report.split("\n").filter((line) => line.startsWith("::"))).toEqual([]);
  });
});
