import { describe, expect, test } from "vitest";
import type { OpenApiDocument } from "../../../../scripts/lib/document/model.js";
import type { PathParameterRepair } from "../../../../scripts/lib/generate/repair-path-params.js";
import { movedPart, nextVersion } from "../../../../scripts/lib/release/version.js";
import { unwrappedNewOperations } from "../../../../scripts/lib/sync/new-operations.js";
import { formatSyncReport } from "../../../../scripts/lib/sync/report.js";
import { parseFailedTests, parseTestCounts } from "../../../../scripts/lib/sync/test-counts.js";
import { reportOf } from "../../../support/reports.js";

const EMPTY = reportOf([], {
  paths: { added: 0, removed: 0 },
  operations: { added: 0, removed: 0, changed: 0 },
  schemas: { added: 0, removed: 0, changed: 0 },
});
const GREEN = { typecheck: { ok: true, errors: [] }, tests: { ok: true, tail: "" } };

describe("what the sync report tells a reviewer", () => {
  test.each([
    ["      Tests  1035 passed (1035)", { passed: 1035, failed: 0, skipped: 0, todo: 0, total: 1035 }],
    ["Tests  2 failed | 1033 passed | 3 skipped (1038)", { passed: 1033, failed: 2, skipped: 3, todo: 0, total: 1038 }],
    [
      "\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[32m7 passed\u001b[39m\u001b[22m\u001b[90m (7)\u001b[39m",
      { passed: 7, failed: 0, skipped: 0, todo: 0, total: 7 },
    ],
    ["Tests  1 passed | 1 todo (2)", { passed: 1, failed: 0, skipped: 0, todo: 1, total: 2 }],
    ["ok 1 - some other runner", undefined],
    ["Tests  many passed (3)", undefined],
  ])("test counts from %j", (output, want) => {
    expect(parseTestCounts(`some output\n${output}\n   Duration  3s`)).toEqual(want);
  });

  test("the counts reach the report; a runner that prints none is said to", () => {
    const counts = { passed: 9, failed: 1, skipped: 2, todo: 0, total: 12 };
    const red = formatSyncReport(EMPTY, { ...GREEN, tests: { ok: false, tail: "", counts } });
    expect(red).toContain("- tests: **fail**, 9 passed, 1 failed, 2 skipped (of 12)");
    expect(formatSyncReport(EMPTY, GREEN)).toContain("- tests: pass, the test command printed no count");
  });

  test("failing tests are named, each once, with document text in code spans", () => {
    const output = [
      " FAIL  test/a.test.ts > suite > one",
      "AssertionError: …",
      "\u001b[31m FAIL \u001b[39m test/b.test.ts > `two`",
      " FAIL  test/a.test.ts > suite > one",
      "✓ test/c.test.ts",
    ].join("\n");
    const failed = parseFailedTests(output);
    expect(failed).toEqual(["test/a.test.ts > suite > one", "test/b.test.ts > `two`"]);
    const text = formatSyncReport(EMPTY, { ...GREEN, tests: { ok: false, tail: output, failed } });
    expect(text).toContain(
      "### Failing tests\n\n- `test/a.test.ts > suite > one`\n- `test/b.test.ts > \\u0060two\\u0060`",
    );
  });

  test.each([
    ["0.1.0", "minor", "patch"],
    ["0.1.0", "major", "minor"],
    ["0.1.0", "patch", "patch"],
    ["1.2.3", "minor", "minor"],
    ["1.2.3", "major", "major"],
  ] as const)(
    "from %s a %s drift moves the %s number, and the report's version section says so",
    (previous, bump, moved) => {
      const version = nextVersion(previous, bump);
      expect(movedPart(previous, version)).toBe(moved);
      const text = formatSyncReport(EMPTY, GREEN, { release: { previous, version, bump, moved } });
      expect(text).toContain(`- \`${previous}\` → \`${version}\`: **${moved}**.`);
      expect(text.includes(`below 1.0.0 a ${bump} change moves the ${moved} number`)).toBe(bump !== moved);
    },
  );

  test("repairs are listed where they were made, document text in code spans", () => {
    const repairs: PathParameterRepair[] = [
      { kind: "undeclared", method: "get", path: "/v3/{org_id}/x", operationId: "op`<b>`", parameter: "org_id" },
      { kind: "nullable", method: "post", path: "/v3/{id}", operationId: undefined, parameter: "id" },
    ];
    const text = formatSyncReport(EMPTY, GREEN, { repairs });
    expect(text).toContain("2 repairs before generation, recorded in the banners of `generated/`");
    expect(text).toContain(
      "- `GET /v3/{org_id}/x` (operationId `op\\u0060<b>\\u0060`): undeclared path parameter `org_id` declared as a required string",
    );
    expect(text).toContain("- `POST /v3/{id}`: path parameter `id` admits null; narrowed to its non-null schema");
    expect(formatSyncReport(EMPTY, GREEN, { repairs: [] })).toContain("None: the document is generated as published.");
  });

  test("new operations without a wrapper are named, wrapped and old ones are not; a long list is counted", () => {
    const doc = (paths: OpenApiDocument["paths"]): OpenApiDocument => ({ openapi: "3.1.0", paths });
    const base = doc({ "/v3/{org}/usage": { get: {} } });
    const revision = doc({
      "/v3/{org_id}/usage": { get: {}, delete: {} },
      "/v3/{org}/sessions": { get: {}, post: {} },
      "/v3/{org}/wrapped": { get: {} },
    });
    const unwrapped = unwrappedNewOperations(base, revision, ["GET /v3/{org_id}/wrapped"]);
    expect(unwrapped).toEqual(["DELETE /v3/{org_id}/usage", "GET /v3/{org}/sessions", "POST /v3/{org}/sessions"]);
    const text = formatSyncReport(EMPTY, GREEN, { unwrapped });
    expect(text).toContain("3 new operations are typed and callable through the client");
    expect(text).toContain("- `POST /v3/{org}/sessions`");
    const many = Array.from({ length: 25 }, (_, index) => `GET /v3/n${index}`);
    expect(formatSyncReport(EMPTY, GREEN, { unwrapped: many })).toContain("- … and 5 more");
    expect(formatSyncReport(EMPTY, GREEN, { unwrapped: [] })).not.toContain("without a wrapper");
  });
});
