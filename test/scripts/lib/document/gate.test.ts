import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { OpenApiDocument } from "../../../../scripts/lib/document/model.js";
import { parseAndValidateDocument, parseOpenApiDocument } from "../../../../scripts/lib/document/parse-openapi.js";
import { positionsOf } from "../../../../scripts/lib/document/positions.js";
import { MAX_WARNINGS_SHOWN, warningLines } from "../../../../scripts/lib/document/warnings.js";
import { generateTypes } from "../../../../scripts/lib/generate/types.js";

// biome-ignore lint/suspicious/noExplicitAny: each case edits the document at a path of its own.
type Doc = Record<string, any>;

/** One operation answering with schema `A`, which each case edits. */
function document(version: "3.0.3" | "3.1.0", edit: (doc: Doc) => void): string {
  const doc: Doc = {
    openapi: version,
    info: { title: "t", version: "1" },
    paths: {
      "/a": {
        get: {
          parameters: [{ name: "q", in: "query", schema: { type: "string" } }],
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/A" } } },
            },
          },
        },
      },
    },
    components: { schemas: { A: { type: "object", properties: { a: { type: "string" } } } } },
  };
  edit(doc);
  return JSON.stringify(doc);
}

const operation = (doc: Doc) => doc.paths["/a"].get;
const media = (doc: Doc) => operation(doc).responses["200"].content["application/json"];
const schemaA = (doc: Doc) => doc.components.schemas.A;
const OUTSIDE = { $ref: "https://example.invalid/never.yaml" };

/**
 * Documents the gate takes, each with the warnings it deserves (a pattern per warning, in
 * order; none for data the specification leaves to the author). Real documents with the
 * same shape are named.
 */
const ACCEPTED: [string, "3.0.3" | "3.1.0", (doc: Doc) => void, RegExp[]][] = [
  // Examples are JSON of answers, which may hold any key (issue reports name GitHub Enterprise
  // Server's descriptions; the ghes-3.6.json @octokit/openapi ships has only Example references).
  ["a $ref in a schema's example", "3.1.0", (d) => (schemaA(d).example = { nested: [OUTSIDE] }), []],
  ["a $ref in a media type's example", "3.0.3", (d) => (media(d).example = OUTSIDE), []],
  ["a $ref in an example's value", "3.0.3", (d) => (media(d).examples = { e: { value: OUTSIDE } }), []],
  [
    "a $ref in components/examples/*/value",
    "3.0.3",
    (d) => {
      d.components.examples = { E: { value: { $ref: "#/nowhere", items: [OUTSIDE] } } };
      media(d).examples = { shared: { $ref: "#/components/examples/E" } };
    },
    [],
  ],
  ["a $ref in a default", "3.0.3", (d) => (schemaA(d).default = OUTSIDE), []],
  ["a $ref in an enum", "3.1.0", (d) => (schemaA(d).properties.a.enum = ["x", OUTSIDE]), []],
  ["a $ref in a const", "3.1.0", (d) => (schemaA(d).properties.a.const = OUTSIDE), []],
  ["a $ref in a 3.1 schema's examples", "3.1.0", (d) => (schemaA(d).examples = [OUTSIDE]), []],
  [
    "a $ref in an extension",
    "3.0.3",
    (d) => (schemaA(d)["x-source"] = OUTSIDE),
    [/`\$ref` outside the document .*: data, not followed at #\/components\/schemas\/A\/x-source\/\$ref/],
  ],
  // Stripe's `x-expansionResources`, GitHub's `x-webhooks`: references inside the document, in extensions.
  ["a local $ref in an extension", "3.0.3", (d) => (schemaA(d)["x-also"] = { $ref: "#/components/schemas/A" }), []],
  // Scalar's Galaxy example (3.1.1) sets `$id` on a component schema.
  [
    "an $id and an $anchor on a schema",
    "3.1.0",
    (d) => Object.assign(schemaA(d), { $id: "https://example.invalid/A.json", $anchor: "A" }),
    [],
  ],
  // OpenAI's 3.1 and 3.0 documents.
  [
    "keywords a 3.1 schema does not define",
    "3.1.0",
    (d) => Object.assign(schemaA(d).properties.a, { nullable: true, min_items: 1, optional: true }),
    [
      /Property `nullable` is not expected here\. at #\/components\/schemas\/A\/properties\/a\/nullable/,
      /`min_items`/,
      /`optional`/,
    ],
  ],
  [
    "$recursiveRef and $recursiveAnchor",
    "3.1.0",
    (d) => {
      schemaA(d).$recursiveAnchor = true;
      schemaA(d).properties.self = { $recursiveRef: "#" };
    },
    [/`\$recursiveAnchor`/, /`\$recursiveRef` is not expected here\. at #\/components\/schemas\/A\/properties\/self/],
  ],
  [
    "type: int64",
    "3.0.3",
    (d) => (schemaA(d).properties.a = { type: "int64" }),
    [/`type` can be one of the following only: .* at #\/components\/schemas\/A\/properties\/a\/type/],
  ],
  // Blockfrost's 3.0 document.
  [
    "a type: 'null' branch in 3.0",
    "3.0.3",
    (d) => (schemaA(d).properties.a = { anyOf: [{ type: "string" }, { type: "null" }] }),
    [/at #\/components\/schemas\/A\/properties\/a\/anyOf\/1\/type/],
  ],
  // Directus' documents.
  [
    "schema: null",
    "3.0.3",
    (d) => (media(d).schema = null),
    [
      /Expected type `Schema` \(object\) but got `null` at #\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/schema/,
    ],
  ],
  [
    "a field a path item does not define, and an operation without responses",
    "3.0.3",
    (d) => {
      d.paths["/a"].responses = operation(d).responses;
      d.paths["/a"].post = {};
    },
    [
      /Property `responses` is not expected here\. at #\/paths\/~1a\/responses/,
      /`responses` must be present .* at #\/paths\/~1a\/post/,
    ],
  ],
  ["a component schema that is null", "3.1.0", (d) => (d.components.schemas.N = null), [/#\/components\/schemas\/N/]],
];

/** Documents the gate refuses, with what the one line says. */
const REFUSED: [string, "3.0.3" | "3.1.0", (doc: Doc) => void, RegExp][] = [
  ["an external $ref where a schema stands", "3.1.0", (d) => (schemaA(d).properties.b = OUTSIDE), /external reference/],
  [
    "an external Reference Object for a parameter",
    "3.0.3",
    (d) => operation(d).parameters.push(OUTSIDE),
    /external reference .* at \/paths\/~1a\/get\/parameters\/1\/\$ref/,
  ],
  [
    "an external path item $ref",
    "3.1.0",
    (d) => (d.paths["/b"] = OUTSIDE),
    /external reference .* at \/paths\/~1b\/\$ref/,
  ],
  [
    "a discriminator mapping to a file",
    "3.0.3",
    (d) => (schemaA(d).discriminator = { propertyName: "a", mapping: { x: "./other.yaml#/X" } }),
    /external reference "\.\/other\.yaml#\/X" at \/components\/schemas\/A\/discriminator\/mapping\/x/,
  ],
  [
    "a $dynamicRef to a URL",
    "3.1.0",
    (d) => (schemaA(d).$dynamicRef = "https://example.invalid/s"),
    /names something outside/,
  ],
  [
    "a $ref where a schema stands that points at nothing",
    "3.1.0",
    (d) => (schemaA(d).not = { $ref: "#/nowhere" }),
    /points at nothing/,
  ],
  [
    // Data reached by a reference where a schema stands is a schema: its own `$ref` is one too.
    "an external $ref in data that a schema reference reaches",
    "3.1.0",
    (d) => {
      schemaA(d)["x-defs"] = { B: OUTSIDE };
      schemaA(d).properties.b = { $ref: "#/components/schemas/A/x-defs/B" };
    },
    /external reference .* at \/components\/schemas\/A\/x-defs\/B\/\$ref/,
  ],
  [
    "a string where a schema stands",
    "3.1.0",
    (d) => (schemaA(d).properties.a.items = "string"),
    /not a valid OpenAPI document: a string at #.*\/items, where the specification puts a Schema Object/,
  ],
  [
    "a number among anyOf's schemas",
    "3.0.3",
    (d) => (schemaA(d).anyOf = [5]),
    /a number at #\/components\/schemas\/A\/anyOf\/0,/,
  ],
  [
    "allOf that is not a list",
    "3.0.3",
    (d) => (schemaA(d).allOf = "A"),
    /a string at #\/components\/schemas\/A\/allOf,/,
  ],
  ["a parameter without a name", "3.0.3", (d) => delete operation(d).parameters[0].name, /`name` must be present/],
  ["a parameter list that is a string", "3.0.3", (d) => (operation(d).parameters = "q"), /ParameterList/],
  ["a parameter in: body", "3.0.3", (d) => (operation(d).parameters[0].in = "body"), /`in` can be one of/],
];

describe("the gate refuses only danger", () => {
  test.each(ACCEPTED)(
    "accepts %s (OpenAPI %s), with its warnings, and it generates",
    async (_name, version, edit, want) => {
      const { document: parsed, warnings } = await parseAndValidateDocument(document(version, edit), "doc");
      const shown = warnings.map(({ message, pointer }) => `${message} at ${pointer}`);
      expect(shown).toHaveLength(want.length);
      want.forEach((pattern, index) => {
        expect(shown[index]).toMatch(pattern);
      });
      await expect(generateTypes(parsed as OpenApiDocument)).resolves.toContain("export interface paths");
    },
  );

  test.each(REFUSED)("refuses %s (OpenAPI %s) in one line", async (_name, version, edit, message) => {
    const error = await parseAndValidateDocument(document(version, edit), "doc").then(
      () => undefined,
      (caught: Error) => caught,
    );
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain("\n");
  });
});

describe("data is data, whatever it holds; the walk grows with the document", () => {
  /** JSON values with `$ref`-shaped objects mixed in, leading outside, nowhere or inside. */
  const refShaped = fc.constantFrom(
    OUTSIDE,
    { $ref: "#/nowhere" },
    { $ref: "./x.yaml" },
    { $ref: "#/components/schemas/A" },
  );
  const data = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.jsonValue({ maxDepth: 1 }),
      refShaped,
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom("$ref", "a", "value", "schema", "items", "x-y"), tie("value"), { maxKeys: 3 }),
    ),
  })).value;
  const places: [string, (doc: Doc, value: unknown) => void][] = [
    ["example", (d, v) => (schemaA(d).example = v)],
    ["default", (d, v) => (schemaA(d).default = v)],
    ["enum", (d, v) => (schemaA(d).enum = [v])],
    ["const", (d, v) => (schemaA(d).const = v)],
    ["a media type's example", (d, v) => (media(d).example = v)],
    ["an example's value", (d, v) => (d.components.examples = { E: { value: v } })],
    ["an extension", (d, v) => (schemaA(d)["x-data"] = v)],
  ];

  test("wherever the specification puts data, no value refuses the document", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...places), data, async ([, place], value) => {
        const text = document("3.1.0", (d) => place(d, value));
        await expect(parseAndValidateDocument(text, "doc")).resolves.toMatchObject({ document: { openapi: "3.1.0" } });
      }),
      { numRuns: 60 },
    );
  });

  test("a DAG of schemas, each an allOf of four references to the one below, is walked once per schema", () => {
    const depth = 24; // 4^24 paths through it
    const text = document("3.1.0", (d) => {
      d.components.schemas.D0 = { type: "object", properties: { leaf: { type: "string" } } };
      for (let level = 1; level <= depth; level++)
        d.components.schemas[`D${level}`] = { allOf: Array(4).fill({ $ref: `#/components/schemas/D${level - 1}` }) };
      schemaA(d).properties.top = { $ref: `#/components/schemas/D${depth}` };
    });
    const parsed = parseOpenApiDocument(text, "doc");
    const { references, kinds } = positionsOf(parsed);
    // Each `$ref` is seen once and each schema it reaches is walked once: the work grows with
    // the levels (4 references each), not with the paths.
    expect(references.length).toBeLessThanOrEqual(4 * depth + 10);
    expect(kinds.size).toBeLessThan(10 * depth + 50);
  });
});

describe("documents without paths", () => {
  // GitHub's webhooks description (@octokit/openapi-webhooks) is OpenAPI 3.1 with webhooks only.
  const webhooksOnly = JSON.stringify({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    webhooks: { ping: { post: { requestBody: { content: { "application/json": { schema: { type: "object" } } } } } } },
  });

  test("3.1 with webhooks and no paths is taken, with no operations, and generates its webhooks", async () => {
    const { document: parsed, warnings } = await parseAndValidateDocument(webhooksOnly, "doc");
    expect(parsed.paths).toEqual({});
    expect(warnings).toEqual([]);
    await expect(generateTypes(parsed)).resolves.toMatch(
      /export type paths = Record<string, never>;[\s\S]*export interface webhooks/,
    );
  });

  test.each([
    ["3.0 without paths", webhooksOnly.replace("3.1.0", "3.0.3")],
    [
      "3.1 with neither paths, components nor webhooks",
      JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" } }),
    ],
  ])("%s is refused", async (_name, text) => {
    await expect(parseAndValidateDocument(text, "doc")).rejects.toThrow(/no "paths" object/);
  });
});

describe("warning lines", () => {
  const warning = (index: number) => ({ message: "Property `x` is not expected here.", pointer: `#/p/${index}` });

  test("each warning once, at most the bound, then a count of the rest", () => {
    const warnings = [...Array.from({ length: 30 }, (_, index) => warning(index)), warning(0), warning(1)];
    const lines = warningLines("doc.yaml", warnings);
    expect(lines).toHaveLength(MAX_WARNINGS_SHOWN + 1);
    expect(lines[0]).toBe("warning: doc.yaml: Property `x` is not expected here. at #/p/0");
    expect(lines.at(-1)).toBe(`warning: doc.yaml: … and ${30 - MAX_WARNINGS_SHOWN} more warnings (30 in all)`);
  });

  test("a warning's text from the document stays on its line", () => {
    expect(warningLines("doc", [{ message: "a\nb", pointer: "#/\u001b[2J" }])).toEqual([
      "warning: doc: a\\u000ab at #/\\u001b[2J",
    ]);
  });
});
