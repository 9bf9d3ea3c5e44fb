import { describe, expect, test } from "vitest";
import { type Change, change, type DiffReport } from "../../../../scripts/lib/diff/change.js";
import { ANNOTATIONS_PER_LEVEL, formatGithub } from "../../../../scripts/lib/diff/report/github.js";
import {
  formatMarkdown,
  PULL_REQUEST_BODY_LIMIT,
  STEP_SUMMARY_LIMIT,
} from "../../../../scripts/lib/diff/report/markdown.js";
import { formatSyncReport } from "../../../../scripts/lib/sync/report.js";
import { reportOf } from "../../../support/reports.js";

/** A drift far larger than any body can hold: 300 breaking, 3 000 warnings, 30 000 others, long messages. */
function largeDrift(): DiffReport {
  const changes: Change[] = [];
  const add = (count: number, id: Parameters<typeof change>[0]) => {
    for (let index = 0; index < count; index++) {
      changes.push(
        change(
          id,
          `GET /v3/items/{id}/part-${index}`,
          `/paths/~1v3~1items~1{id}~1part-${index}/get`,
          `property \`field_${index}_${"x".repeat(60)}\` changed`,
        ),
      );
    }
  };
  add(300, "response-property-type-changed");
  add(3000, "response-property-enum-value-added");
  add(30000, "response-optional-property-added");
  return reportOf(changes, {
    paths: { added: 0, removed: 0 },
    operations: { added: 0, removed: 0, changed: 33300 },
    schemas: { added: 0, removed: 0, changed: 0 },
  });
}

const bytes = (text: string) => Buffer.byteLength(text);

describe("reports fit where they go, the important part first", () => {
  const report = largeDrift();

  test("the pull-request body: under 60 000, counts and verification first, every breaking change, then what fits", () => {
    const body = formatSyncReport(
      report,
      { typecheck: { ok: true, errors: [] }, tests: { ok: true, tail: "" } },
      { fullReport: "`spec/CHANGES.md` in this pull request" },
    );
    expect(bytes(body)).toBeLessThanOrEqual(PULL_REQUEST_BODY_LIMIT);
    expect(body.indexOf("## Verification")).toBeLessThan(body.indexOf("### Breaking changes"));
    expect(body).toContain("| 300 | 3000 | 30000 |");
    expect(body.match(/`response-property-type-changed` \|/g)).toHaveLength(300);
    expect(body).toMatch(
      /… and \d+ more changes not shown here \(\d+ warning, 30000 info\); the full report is `spec\/CHANGES\.md` in this pull request\./,
    );
  });

  test("the job summary: under 1 MiB", () => {
    const summary = formatMarkdown(report, { maxBytes: STEP_SUMMARY_LIMIT, fullReport: "elsewhere" });
    expect(bytes(summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(summary).toContain("### Breaking changes (300)");
    expect(summary).toMatch(/… and \d+ more changes not shown here/);
  });

  test("without a limit nothing is left out (the full report)", () => {
    const full = formatMarkdown(report);
    expect(full.match(/^\| `GET /gm)).toHaveLength(33300);
    expect(full).not.toContain("more changes not shown");
  });

  test("annotations: breaking first, at most ten of each level, then one notice with the counts", () => {
    const lines = formatGithub(report).trimEnd().split("\n");
    expect(lines).toHaveLength(3 * ANNOTATIONS_PER_LEVEL + 1);
    expect(lines.slice(0, 10).every((line) => line.startsWith("::error "))).toBe(true);
    expect(lines.slice(10, 20).every((line) => line.startsWith("::warning "))).toBe(true);
    expect(lines.at(-1)).toBe(
      "::notice title=spec drift::33300 changes: 300 breaking, 3000 warning, 30000 info (33270 not annotated; the job summary lists them)",
    );
  });

  test("a failing verification stays whole, and the changes give way to it", () => {
    const errors = Array.from({ length: 100 }, (_, index) => ({
      file: `src/file-${index}.ts`,
      line: index + 1,
      code: "TS2339",
      message: `Property 'field_${index}' does not exist on type 'UsageMetrics'.`,
    }));
    const body = formatSyncReport(report, {
      typecheck: { ok: false, errors },
      tests: undefined,
    });
    expect(bytes(body)).toBeLessThanOrEqual(PULL_REQUEST_BODY_LIMIT);
    expect(body).toContain("- … and 60 more compiler errors");
    expect(body.indexOf("### What no longer compiles")).toBeLessThan(body.indexOf("## Changes"));
  });
});
