import fc from "fast-check";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { describe, expect, test } from "vitest";
import type { DiffReport } from "../../scripts/lib/diff/change.js";
import { diffDocuments } from "../../scripts/lib/diff/diff-documents.js";
import { formatMarkdown, STEP_SUMMARY_LIMIT } from "../../scripts/lib/diff/report/markdown.js";
import { changelogEntry } from "../../scripts/lib/release/release-files.js";
import { formatSyncReport } from "../../scripts/lib/sync/report.js";
import { code, markdownInline } from "../../src/untrusted-text.js";

/** What a hostile document puts in its names: HTML, a mention, an issue reference, a link, an autolink. */
const HOSTILE =
  "<img src=x onerror=alert(1)> <details> @org/team #1 [link](https://example.invalid) www.example.invalid";
const MEDIA_TYPE = `application/json; profile="${HOSTILE}"`;

/**
 * A base and a revision that differ in the places whose names reach a report's prose: a
 * media type (named in parentheses, outside any code span, before this was fixed), a path,
 * a property, an enum value, a pattern, a description and an example.
 */
function documents() {
  const schema = (extra: Record<string, unknown>) => ({
    type: "object",
    description: HOSTILE,
    example: { [HOSTILE]: HOSTILE },
    properties: {
      [HOSTILE]: { type: "string", enum: [HOSTILE, "kept"], pattern: "^a$" },
      kept: { type: "string" },
      ...extra,
    },
  });
  const operation = (body: Record<string, unknown>, status: string) => ({
    get: {
      description: HOSTILE,
      responses: { [status]: { description: HOSTILE, content: { [MEDIA_TYPE]: { schema: body } } } },
    },
  });
  const base = {
    openapi: "3.1.0",
    info: { title: HOSTILE, version: "1" },
    paths: { [`/a/${HOSTILE}`]: operation(schema({ gone: { type: "integer" } }), "200") },
  };
  const revisedSchema = schema({});
  const properties = revisedSchema.properties as Record<string, Record<string, unknown>>;
  properties[HOSTILE] = { type: "integer", enum: ["kept"], pattern: `^${HOSTILE}$` };
  properties.kept = { type: "string", description: HOSTILE, example: HOSTILE };
  const revision = { ...base, paths: { [`/a/${HOSTILE}`]: operation(revisedSchema, "200") } };
  return { base, revision };
}

function render(markdown: string): string {
  return micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });
}

/** The elements a report is made of: anything else (an `<img>`, `<details>`, `<a>`) came from the document. */
const REPORT_ELEMENTS = new Set([
  "h2",
  "h3",
  "p",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "code",
  "ul",
  "li",
  "strong",
  "pre",
]);

/** Text GitHub links or notifies on after Markdown is rendered (it skips `<code>`): mentions, references, URLs. */
const GITHUB_ACTIVE = /@[\w-]|#\d|GH-\d|:\/\/|www\./i;

function activeParts(markdown: string): string[] {
  const html = render(markdown);
  const elements = [...html.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map((match) => (match[1] as string).toLowerCase());
  const outsideCode = html.replace(/<code>[^<]*<\/code>/g, "").replace(/<[^>]*>/g, "\n");
  return [
    ...elements.filter((element) => !REPORT_ELEMENTS.has(element)).map((element) => `<${element}>`),
    ...outsideCode.split("\n").filter((text) => GITHUB_ACTIVE.test(text)),
  ];
}

describe("document text in Markdown reports", () => {
  const { base, revision } = documents();
  const report: DiffReport = diffDocuments(base, revision);
  const red = { typecheck: { ok: false, errors: [] }, tests: undefined };
  const typecheck = {
    ok: false,
    errors: [
      { file: "src/x.ts", line: 1, code: "TS2339", message: `Property '${HOSTILE}' does not exist on type 'X'.` },
    ],
  };

  test("the documents differ where their names reach the report's prose", () => {
    expect(report.changes.length).toBeGreaterThanOrEqual(2);
    expect(report.changes.some((found) => found.message.includes("profile="))).toBe(true);
  });

  test.each([
    ["the Markdown report (spec:diff --format markdown, spec/CHANGES.md)", () => formatMarkdown(report)],
    ["the step summary", () => formatMarkdown(report, { maxBytes: STEP_SUMMARY_LIMIT })],
    ["the pull-request body", () => formatSyncReport(report, red)],
    ["the pull-request body's compiler errors", () => formatSyncReport(report, { typecheck, tests: undefined })],
    [
      "the CHANGELOG.md entry",
      () => changelogEntry({ version: "2.0.0", previous: "1.0.0", bump: "major", report, date: new Date(0) }),
    ],
  ])("%s renders no element, mention, reference or link from the document", (_sink, format) => {
    const markdown = format();
    expect(markdown).toContain("profile=");
    expect(activeParts(markdown)).toEqual([]);
  });
});

describe("markdownInline", () => {
  test.each([
    [
      "plain prose stays as it is",
      "response 200 (application/json): property `a` removed",
      "response 200 (application/json): property `a` removed",
    ],
    ["a tag goes in a code span", "type <b>x</b> set", "type `<b>x</b>` set"],
    ["a mention and a reference", "ask @team about #12", "ask `@team` about `#12`"],
    ["a URL and a www host", "see https://x.invalid or www.x.invalid", "see `https://x.invalid` or `www.x.invalid`"],
    ["an emoji shortcode and a commit hash", "a :warning: at deadbeefcafe", "a `:warning:` at `deadbeefcafe`"],
    ["a word beside a span joins it (no run of two backticks)", "x@`a`", "`x@a`"],
    ["a stray backtick is text", "one ` alone", "one `\\u0060` alone"],
    ["an empty span is dropped", "a `` b", "a  b"],
    ["a word after an empty span still opens its own", "a ``@b", "a `@b`"],
    ["words with syntax and the spaces between are one span", "x <img src=y> z", "x `<img src=y>` z"],
    ["a line break is escaped", "a\nb", "`a\\u000ab`"],
  ])("%s", (_case, given, want) => {
    expect(markdownInline(given)).toBe(want);
    expect(activeParts(markdownInline(given))).toEqual([]);
  });

  test("whatever text a document holds, in prose or in a span, nothing of it renders as syntax", () => {
    const unit = fc.constantFrom(..."<>&[]()!*_~@#$\\`^:/.w -a1|\n\u200b\"'=".split(""), "GH-", "http://", "www.");
    const text = fc.string({ unit, maxLength: 40 });
    fc.assert(
      fc.property(text, text, (prose, name) => {
        const message = `changed ${prose} here: property ${code(name)} ${prose}`;
        expect(activeParts(markdownInline(message))).toEqual([]);
        expect(activeParts(`| a | ${markdownInline(message).replaceAll("|", "\\|")} |\n|---|---|`)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
