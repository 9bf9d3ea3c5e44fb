import { describe, expect, test } from "vitest";
import type { DiffReport } from "../../../../scripts/lib/diff/change.js";
import { change } from "../../../../scripts/lib/diff/change.js";
import { causesOf, formatSyncReport } from "../../../../scripts/lib/sync/report.js";
import { parseTscOutput } from "../../../../scripts/lib/sync/tsc-output.js";
import { reportOf } from "../../../support/reports.js";

const OPERATION = "GET /v3/organizations/{org_id}/metrics/usage";
const removed = change(
  "response-required-property-removed",
  OPERATION,
  "/x",
  "response 200 (application/json): property `sessions_count` removed (it was required)",
);
const nested = change(
  "response-property-type-changed",
  OPERATION,
  "/y",
  "response 200 (application/json): property `detail[].loc` type changed from array to string",
);
const schema = change(
  "api-schema-removed",
  null,
  "/components/schemas/Page",
  "schema `Page` removed (used by no operation)",
);
const report: DiffReport = reportOf([removed, nested, schema], {
  paths: { added: 0, removed: 0 },
  operations: { added: 0, removed: 0, changed: 1 },
  schemas: { added: 0, removed: 1, changed: 1 },
});

const TSC = `test/src/usage/render.test.ts(14,62): error TS2353: Object literal may only specify known properties, and 'sessions_count' does not exist in type 'X'.
src/usage-metrics.ts(12,3): error TS2339: Property 'loc' does not exist on type 'Y'.
src/other.ts(3,1): error TS2304: Cannot find name 'Page'.
src/unrelated.ts(1,1): error TS1005: ';' expected.
Found 4 errors.`;

describe("the sync report", () => {
  test("tsc's error lines are read with file, line, code and message", () => {
    expect(parseTscOutput(TSC)).toEqual([
      expect.objectContaining({ file: "test/src/usage/render.test.ts", line: 14, code: "TS2353" }),
      expect.objectContaining({ file: "src/usage-metrics.ts", line: 12, code: "TS2339" }),
      expect.objectContaining({ file: "src/other.ts", line: 3, code: "TS2304" }),
      expect.objectContaining({ file: "src/unrelated.ts", line: 1, code: "TS1005" }),
    ]);
  });

  test.each([
    [0, [removed]],
    [1, [nested]],
    [2, [schema]],
    [3, []],
  ])("compiler error %i is traced to the drift whose name it quotes", (index, want) => {
    const error = parseTscOutput(TSC)[index];
    expect(error && causesOf(error, report.changes)).toEqual(want);
  });

  // Names are the document's: as a regular expression `sessions (beta` does not compile (GitHub's
  // 22.0.0 → 23.0.2 sync exited 2 on a pattern's text), `a+c` would match `aac`, and `(a|aa)+$`
  // backtracks exponentially. They are looked for as text.
  test.each([
    ["sessions (beta", "Property 'sessions (beta' does not exist on type 'X'.", true],
    ["{24})?)$", "Type '{24})?)$' is not assignable to type 'never'.", true],
    ["a+c", "Property 'aac' does not exist on type 'X'.", false],
    ["a+c", "Property \"a+c\" does not exist on type 'X'.", true],
    ["(a|aa)+$", `Type '${"a".repeat(28)}!' is not assignable.`, false],
    ["x", "Cannot find name 'xy'.", false],
    ["x", "x' is quoted only on one side", false],
  ])("a name with the syntax of a regular expression, %j, is searched as text", (name, message, found) => {
    const named = change("response-optional-property-removed", OPERATION, "/z", `property \`${name}\` removed`);
    const error = { file: "src/x.ts", line: 1, code: "TS2339", message };
    expect(causesOf(error, [named])).toEqual(found ? [named] : []);
  });

  test("compile errors stand next to their cause; tests are not run on code that does not compile", () => {
    const text = formatSyncReport(report, { typecheck: { ok: false, errors: parseTscOutput(TSC) }, tests: undefined });
    expect(text).toContain(
      "- `GET /v3/organizations/{org_id}/metrics/usage`: response 200 (application/json): property `sessions_count` removed (it was required) (`response-required-property-removed`) → `test/src/usage/render.test.ts:14` no longer compiles: TS2353",
    );
    expect(text).toContain(
      "- no single change of the report names it → `src/unrelated.ts:1` no longer compiles: TS1005 ';' expected.",
    );
    expect(text).toContain("- tests: not run (the code does not compile)");
  });

  test("a green run says so, and failing tests show their last lines", () => {
    expect(formatSyncReport(report, { typecheck: { ok: true, errors: [] }, tests: { ok: true, tail: "" } })).toContain(
      "- tests: pass",
    );
    const red = formatSyncReport(report, {
      typecheck: { ok: true, errors: [] },
      tests: { ok: false, tail: "FAIL test/x.test.ts" },
    });
    expect(red).toContain("- tests: **fail**");
    expect(red).toContain("```\nFAIL test/x.test.ts\n```");
  });
});
