import { describe, expect, test } from "vitest";
import type { OpenApiDocument } from "../../../../scripts/lib/document/model.js";
import { assertValidStructure } from "../../../../scripts/lib/document/validate.js";
import { generateTypes } from "../../../../scripts/lib/generate/types.js";

/**
 * Names a plain object inherits. Redocly looks the keys of a node up in plain objects (its
 * tables of fields), so before the tables lost their prototype a schema, property, security
 * scheme or scope named `valueOf` or `hasOwnProperty` made both the validator and
 * openapi-typescript throw `TypeError: Cannot convert undefined or null to object`, and
 * `constructor` was judged as if it were `Object` ("Expected type `string` but got `object`").
 */
const NAMES = ["constructor", "valueOf", "hasOwnProperty", "isPrototypeOf", "toLocaleString", "toString"];

// biome-ignore lint/suspicious/noExplicitAny: each case edits the document at a path of its own.
type Edit = (document: Record<string, any>, name: string) => void;

/** Every map of a document whose keys are names the document chooses. */
const PLACES: [string, Edit][] = [
  ["a schema property", (d, n) => (d.components.schemas.A.properties[n] = { type: "string" })],
  ["a patternProperties entry", (d, n) => (d.components.schemas.A.patternProperties = { [n]: { type: "string" } })],
  ["a component schema", (d, n) => (d.components.schemas[n] = { type: "string" })],
  ["a $defs entry", (d, n) => (d.components.schemas.A.$defs = { [n]: { type: "string" } })],
  ["a dependentSchemas entry", (d, n) => (d.components.schemas.A.dependentSchemas = { [n]: { type: "string" } })],
  [
    "a discriminator mapping",
    (d, n) =>
      (d.components.schemas.A.discriminator = { propertyName: "a", mapping: { [n]: "#/components/schemas/A" } }),
  ],
  [
    "a security scheme and requirement",
    (d, n) => {
      d.components.securitySchemes = { [n]: { type: "http", scheme: "bearer" } };
      d.paths["/a"].get.security = [{ [n]: [] }];
    },
  ],
  [
    "an OAuth scope",
    (d, n) =>
      (d.components.securitySchemes = {
        o: { type: "oauth2", flows: { implicit: { authorizationUrl: "https://x.invalid", scopes: { [n]: "s" } } } },
      }),
  ],
  [
    "a response header",
    (d, n) => (d.paths["/a"].get.responses["200"].headers = { [n]: { schema: { type: "string" } } }),
  ],
  ["a component parameter", (d, n) => (d.components.parameters = { [n]: { name: n, in: "query", schema: {} } })],
  ["a component response", (d, n) => (d.components.responses = { [n]: { description: "r" } })],
  ["a component example", (d, n) => (d.components.examples = { [n]: { value: { [n]: 1 } } })],
  ["a key of an example value", (d, n) => (d.components.schemas.A.example = { [n]: 1 })],
  ["a key of an enum value", (d, n) => (d.components.schemas.A.properties.a.enum = [{ [n]: 1 }])],
  ["a webhook", (d, n) => (d.webhooks = { [n]: { post: { responses: { "200": { description: "ok" } } } } })],
];

function documentWith(edit: Edit, name: string): OpenApiDocument {
  const document = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/a": {
        get: {
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
  edit(document, name);
  // As a parser gives it: `__proto__` and the rest as own properties.
  return JSON.parse(JSON.stringify(document)) as OpenApiDocument;
}

describe("names that Object.prototype also holds", () => {
  const cases = PLACES.flatMap(([place, edit]) => NAMES.map((name) => [place, name, edit] as const));

  test.each(cases)("%s named %s is valid", async (_place, name, edit) => {
    await expect(assertValidStructure(documentWith(edit, name), "doc")).resolves.toEqual([]);
  });

  // Generation is slower: the names that threw, and the one that was judged as `Object`.
  const generated = cases.filter(([, name]) => name === "valueOf" || name === "constructor");
  test.each(generated)("%s named %s generates", async (_place, name, edit) => {
    await expect(generateTypes(documentWith(edit, name))).resolves.toContain("export interface components");
  });

  test.each(NAMES)("a property named %s is typed as the property it is", async (name) => {
    const types = await generateTypes(documentWith(PLACES[0]?.[1] as Edit, name));
    expect(types).toContain(`${name}?: string;`);
  });

  test("what a library still fails on is one line naming the document, the library and the key", async () => {
    // Redocly's struct rule calls `node.hasOwnProperty(…)` on objects with required fields.
    const document = documentWith((d) => (d.info.hasOwnProperty = "x"), "");
    const error = await assertValidStructure(document, "doc").catch((caught: Error) => caught);
    expect(error).toMatchObject({ name: "PipelineError", kind: "spec-invalid" });
    expect((error as Error).message).toMatch(
      /^Redocly's validator could not process doc: .* at \/info\/hasOwnProperty, which the library takes for its own\)$/,
    );
  });
});
