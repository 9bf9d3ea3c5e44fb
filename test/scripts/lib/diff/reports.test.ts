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

  describe("a change seen from several places: listed once, with its first places", () => {
    /** A component used by the responses of `count` operations, its property changing type. */
    const shared = (count: number, type: string) => ({
      openapi: "3.1.0",
      info: { title: "shared", version: "1" },
      paths: Object.fromEntries(
        Array.from({ length: count }, (_, index) => [
          `/op${index}`,
          {
            get: {
              responses: {
                "200": {
                  description: "ok",
                  content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
                },
              },
            },
          },
        ]),
      ),
      components: { schemas: { Thing: { type: "object", properties: { size: { type } } } } },
    });
    const diff = diffDocuments(shared(8, "integer"), shared(8, "string"));

    test("text: under the shared schemas, the first five places indented below it, the rest counted", () => {
      const text = formatText(diff);
      expect(text).toContain("(schemas used from several places)\n");
      expect(text).toContain(
        "  breaking schema `Thing` property `size`: type changed from integer to string (seen at 8 places in 8 operations)  [response-property-type-changed]\n",
      );
      expect(text).toContain(
        "           GET /op0: response 200 (application/json): property `size` type changed from integer to string  [response-property-type-changed]\n",
      );
      expect(text).toContain("           … and 3 more places\n");
    });

    test("markdown: one row naming its first three operations; annotations: one, with the counts", () => {
      const markdown = formatMarkdown(diff);
      expect(markdown).toContain("| `GET /op0`, `GET /op1`, `GET /op2` and 5 more | schema `Thing` property `size`:");
      expect(markdown.match(/^\| `GET/gm)).toHaveLength(1);
      expect(
        formatGithub(diff)
          .split("\n")
          .filter((line) => line.startsWith("::error")),
      ).toHaveLength(1);
    });
  });
});
