import { describe, expect, test } from "vitest";
import type { OpenApiDocument } from "../../../../scripts/lib/document/model.js";
import { parseAndValidateDocument } from "../../../../scripts/lib/document/parse-openapi.js";
import { decodeDocument, parseDocumentText } from "../../../../scripts/lib/document/parse-text.js";
import { assertValidStructure, splitForValidation } from "../../../../scripts/lib/document/validate.js";

const minimal = "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths: {}\n";

describe("parseAndValidateDocument", () => {
  test.each([
    ["YAML", minimal],
    ["JSON", JSON.stringify({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths: {} })],
  ])("accepts an OpenAPI 3 document in %s", async (_format, text) => {
    await expect(parseAndValidateDocument(text, "doc")).resolves.toMatchObject({ document: { paths: {} } });
  });

  const invalid: [string, string, RegExp][] = [
    ["an empty body", "  \n", /doc is empty/],
    ["an HTML page", "<!doctype html><html><body>Not found</body></html>", /HTML or XML page/],
    ["broken YAML", "openapi: [3.1.0\n", /not valid YAML/],
    ["truncated JSON", '{"openapi": "3.1.0", "paths": {', /not valid JSON/],
    ["a list", "- a\n- b\n", /does not hold an object/],
    ["Swagger 2.0", "swagger: '2.0'\ninfo: { title: t, version: '1' }\npaths: {}\n", /Swagger 2.0 document/],
    ["no version", "info: { title: t, version: '1' }\npaths: {}\n", /no "openapi" version/],
    [
      "OpenAPI 4",
      "openapi: 4.0.0\ninfo: { title: t, version: '1' }\npaths: {}\n",
      /OpenAPI 4.0.0; only 3.0.x and 3.1.x/,
    ],
    ["no paths", "openapi: 3.1.0\ninfo: { title: t, version: '1' }\n", /no "paths" object/],
    [
      "a structural error",
      "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      parameters: nope\n      responses: { '200': { description: ok } }\n",
      /not a valid OpenAPI document: Expected type `ParameterList` \(array\) but got `string` at #\/paths\/~1a\/get\/parameters/,
    ],
  ];
  test.each(invalid)("rejects %s with one clear line", async (_name, text, message) => {
    const error = await parseAndValidateDocument(text, "doc").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
    expect(error).toMatchObject({ name: "PipelineError", kind: "spec-invalid" });
  });

  test("an alias bomb fails to parse instead of expanding", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 10; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    expect(() => parseDocumentText(lines.join("\n"), "bomb")).toThrow(/bomb is not valid YAML: .*alias/i);
  });
});

describe("splitForValidation", () => {
  const broken = (where: "paths" | "components" | "both") =>
    parseDocumentText(
      [
        "openapi: 3.1.0",
        "info: { title: t, version: '1' }",
        "paths:",
        "  /a:",
        "    get:",
        `      responses: ${where === "components" ? "{ '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/A' } } } } }" : "5"}`,
        "components:",
        "  schemas:",
        "    A: { type: object }",
        "  parameters:",
        `    P: { name: p, in: ${where === "paths" ? "query" : "nowhere"}, schema: { type: string } }`,
      ].join("\n"),
      "doc",
    ) as OpenApiDocument;

  test.each(["paths", "components", "both"] as const)(
    "the halves find what the whole finds (errors in %s)",
    async (where) => {
      const document = broken(where);
      const whole = await assertValidStructure(document, "doc").catch((error: Error) => error.message);
      const { components, rest } = splitForValidation(document);
      const halves = await Promise.all(
        [rest, components].map((part) =>
          assertValidStructure(part, "doc").then(
            () => "",
            (error: Error) => error.message,
          ),
        ),
      );
      expect(whole).toMatch(/not a valid OpenAPI document/);
      const found = halves.filter(Boolean);
      expect(found.length).toBe(where === "both" ? 2 : 1);
      // Each half names its error at the same place the whole does.
      for (const message of found)
        expect(message.replace(/ \(and \d+ more structural errors\)/, "")).toMatch(/ at #\/(paths|components)\//);
      if (where !== "both") expect(found[0]).toBe(whole);
    },
  );
});

describe("decodeDocument", () => {
  test("UTF-8 bytes become text; anything else is refused in one line", () => {
    expect(decodeDocument(Buffer.from("openapi: 3.1.0 # café"), "doc")).toBe("openapi: 3.1.0 # café");
    expect(() => decodeDocument(Buffer.from([0x6f, 0xff, 0xfe, 0x00]), "doc")).toThrow(
      "doc is not UTF-8 text; expected an OpenAPI document",
    );
  });
});

describe("JSON and YAML are read alike, and hostile shapes fail in one line", () => {
  const json = '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}';
  test.each([
    ["JSON", json],
    ["YAML", minimal],
  ])("a byte-order mark before %s is accepted", async (_format, text) => {
    await expect(parseAndValidateDocument(`\ufeff${text}`, "doc")).resolves.toMatchObject({ document: { paths: {} } });
  });

  test.each([
    [
      "JSON",
      '{"openapi": "3.1.0", "paths": {}, "info": {"title": "a", "title": "b", "version": "1"}}',
      /not valid JSON/,
    ],
    ["YAML", "openapi: 3.1.0\ninfo: { title: a, title: b, version: '1' }\npaths: {}\n", /not valid YAML/],
  ])("a duplicate key in %s is refused, not resolved to the last", (_format, text, message) => {
    expect(() => parseDocumentText(text, "doc")).toThrow(message);
    expect(() => parseDocumentText(text, "doc")).toThrow(/unique/);
  });

  test("a key that only looks duplicated inside a string is fine", () => {
    expect(parseDocumentText('{"a": "\\"a\\": 1", "b": {"a": 2}}', "doc")).toEqual({ a: '"a": 1', b: { a: 2 } });
  });

  const deep = () => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let level = 0; level < 1000; level++) schema = { type: "object", properties: { x: schema } };
    return JSON.stringify({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {},
      components: { schemas: { D: schema } },
    });
  };
  const cycle = JSON.stringify({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {},
    components: { schemas: { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } } },
  });
  test.each([
    ["1000 levels of nesting", deep(), /nests deeper than 128 levels/],
    ["a ring of references", cycle, /\$ref "#\/components\/schemas\/[AB]" at .* leads back to itself/],
  ])("%s: one line, no stack overflow", async (_name, text, message) => {
    const error = await parseAndValidateDocument(text, "doc").then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain("\n");
  });
});
