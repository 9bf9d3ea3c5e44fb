import { describe, expect, test } from "vitest";
import type { DiffReport } from "../../../../scripts/lib/diff/change.js";
import { change } from "../../../../scripts/lib/diff/change.js";
import { diffDocuments } from "../../../../scripts/lib/diff/diff-documents.js";
import { formatGithub, githubOutputs } from "../../../../scripts/lib/diff/report/github.js";
import { formatMarkdown } from "../../../../scripts/lib/diff/report/markdown.js";
import { formatText, shouldColour } from "../../../../scripts/lib/diff/report/text.js";
import { reportOf } from "../../../support/reports.js";

const report: DiffReport = reportOf(
  [
    change("response-property-type-changed", "GET /b", "/paths/~1b/get", "property `a|b` type changed\nfrom x"),
    change("endpoint-added", "GET /a", "/paths/~1a/get", "operation added: 100%, ok"),
    change("response-optional-property-added", "GET /b", "/paths/~1b/get", "property `c` added"),
  ],
  {
    paths: { added: 1, removed: 0 },
    operations: { added: 1, removed: 0, changed: 1 },
    schemas: { added: 0, removed: 0, changed: 1 },
  },
);

describe("reports", () => {
  test("text groups by operation, operations with breaking changes first", () => {
    const text = formatText(report);
    expect(text.indexOf("GET /b")).toBeLessThan(text.indexOf("GET /a"));
    // A line break inside a message is shown, never taken: the report keeps one line per change.
    expect(text).toContain("  breaking property `a|b` type changed\\u000afrom x  [response-property-type-changed]");
    expect(text).toContain("3 changes: 1 breaking, 0 warning, 2 info");
    expect(text).not.toContain("\u001b[");
    expect(formatText(report, true)).toContain("\u001b[31mbreaking\u001b[0m");
  });

  test.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: true }, { NO_COLOR: "1" }, false],
    [{ isTTY: false }, {}, false],
    [{}, {}, false],
  ])("colour for %j with %j: %s", (stream, env, want) => {
    expect(shouldColour(stream, env)).toBe(want);
  });

  test("markdown escapes table cells", () => {
    const markdown = formatMarkdown(report);
    expect(markdown).toContain(
      "| `GET /b` | property `a\\|b` type `changed\\u000afrom` x | `response-property-type-changed` |",
    );
    expect(markdown).toContain("### Breaking changes (1)");
    expect(markdown).toContain("| 1 | 0 | 2 | +1 / −0 | +1 / −0 / 1 | +0 / −0 / 1 |");
  });

  test("github annotations escape data and properties", () => {
    const lines = formatGithub(report).trimEnd().split("\n");
    expect(lines[0]).toBe(
      "::error file=spec/v3-openapi.yaml,title=response-property-type-changed::GET /b: property `a|b` type changed\\u000afrom x (at /paths/~1b/get)",
    );
    expect(lines[1]).toBe(
      "::notice file=spec/v3-openapi.yaml,title=endpoint-added::GET /a: operation added: 100%25, ok (at /paths/~1a/get)",
    );
    expect(githubOutputs(report)).toEqual({ breaking: 1, warning: 0, info: 2, changes: 3 });
  });

  test("names from the document cannot inject lines, commands, escapes or Markdown", () => {
    const hostile = "x`<img src=https://example.invalid/p.png>\n::warning::pwned\u001b[2J\u202e";
    const base = {
      openapi: "3.1.0",
      paths: {
        "/a": {
          get: {
            responses: {
              "200": {
                description: "ok",
                content: {
                  "application/json": { schema: { type: "object", properties: { [hostile]: { type: "string" } } } },
                },
              },
            },
          },
        },
      },
    };
    // biome-ignore lint/suspicious/noExplicitAny: one corner of the document is edited.
    const revision: any = structuredClone(base);
    revision.paths["/a"].get.responses["200"].content["application/json"].schema.properties = {};
    const diff = diffDocuments(base, revision);
    expect(diff.changes.map((found) => found.id)).toEqual(["response-optional-property-removed"]);
    for (const output of [formatText(diff), formatMarkdown(diff), formatGithub(diff)]) {
      expect(output).not.toMatch(new RegExp(`[${"\\u0000-\\u0009\\u000b-\\u001f"}\\u202e]`));
      // In annotations: the one change and the closing notice with the counts; nothing else starts a command.
      expect(output.split("\n").filter((line) => line.startsWith("::"))).toHaveLength(
        output === formatGithub(diff) ? 2 : 0,
      );
    }
    // In Markdown the name stays inside its code span: the backtick is escaped, so the tag is text.
    expect(formatMarkdown(diff)).toContain(
      "property `x\\u0060<img src=https://example.invalid/p.png>\\u000a::warning::pwned\\u001b[2J\\u202e` removed",
    );
  });

  test("an empty report", () => {
    const empty = { ...report, changes: [] };
    expect(formatText(empty)).toBe("No changes.\n");
    expect(formatGithub(empty)).toBe("");
    expect(formatMarkdown(empty)).toContain("No changes.");
  });
});
