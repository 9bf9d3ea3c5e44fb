import { describe, expect, test } from "vitest";
import { diffDocuments } from "../../../../scripts/lib/diff/diff-documents.js";
import { RULES } from "../../../../scripts/lib/diff/rules.js";
import { CHANGE_CASES } from "../../../fixtures/change-cases.js";
import { NAMED_RULE_CASES } from "../../../fixtures/named-rule-cases.js";
import { documentWith, schemaRuleCases } from "../../../fixtures/rule-cases.js";

const reported = (base: Parameters<typeof diffDocuments>[0], revision: Parameters<typeof diffDocuments>[1]) =>
  diffDocuments(base, revision).changes.map(({ id, level }) => ({ id, level }));

describe("every rule has a fixture pair of its own, and reports exactly what it expects", () => {
  test.each(schemaRuleCases())("%s", (id, base, revision) => {
    expect(reported(base, revision)).toEqual([{ id, level: RULES[id]?.level }]);
  });

  test.each(NAMED_RULE_CASES)("%s", (id, base, revision) => {
    expect(reported(base, revision)).toEqual([{ id, level: RULES[id]?.level }]);
  });

  test("no rule of the registry is without a case (named, schema table, or the change cases on the Devin spec)", () => {
    const covered = new Set([
      ...schemaRuleCases().map(([id]) => id),
      ...NAMED_RULE_CASES.map(([id]) => id),
      ...CHANGE_CASES.map(([, changeCase]) => changeCase.want.id),
    ]);
    expect(Object.keys(RULES).filter((id) => !covered.has(id))).toEqual([]);
  });

  test("a case's base against itself reports nothing", () => {
    for (const [, base] of [...schemaRuleCases(), ...NAMED_RULE_CASES]) {
      expect(reported(base, structuredClone(base))).toEqual([]);
    }
  });

  test("reordering is not a change: branches, enum values, required names, types, parameters, media types", () => {
    const schema = (order: (list: unknown[]) => unknown[]) => ({
      oneOf: order([
        { type: "object", title: "a", required: order(["x", "y"]), properties: { x: { type: "string" } } },
        { type: "object", title: "b", properties: { kind: { type: "string", enum: order(["p", "q", "r"]) } } },
        { $ref: "#/components/schemas/C" },
      ]),
    });
    const document = (order: (list: unknown[]) => unknown[]) => ({
      openapi: "3.1.0",
      info: { title: "reorder", version: "1" },
      paths: {
        "/things": {
          post: {
            parameters: order([
              { in: "query", name: "a", schema: { type: order(["string", "integer"]) } },
              { in: "header", name: "b", schema: { type: "string" } },
            ]),
            requestBody: {
              content: Object.fromEntries(
                order([
                  ["application/json", { schema: schema(order) }],
                  ["text/plain", { schema: { type: "string" } }],
                ]) as [string, unknown][],
              ),
            },
            responses: { "200": { description: "ok", content: { "application/json": { schema: schema(order) } } } },
          },
        },
      },
      components: { schemas: { C: { type: "object", title: "c" } } },
    });
    const asIs = (list: unknown[]) => list;
    const reversed = (list: unknown[]) => [...list].reverse();
    expect(reported(document(asIs), document(reversed))).toEqual([]);
  });
});

describe("oasdiff's default stability scope", () => {
  const document = (stability: string, parameters: unknown[]) => ({
    openapi: "3.1.0",
    info: { title: "stability", version: "1" },
    paths: {
      "/things": { get: { "x-stability-level": stability, parameters, responses: { "200": { description: "ok" } } } },
    },
  });
  const query = { in: "query", name: "q", schema: { type: "string" } };

  test.each(["draft", "alpha"])(
    "a change to a %s operation is not a client change (it promises nothing yet)",
    (stability) => {
      // Still drift, so CI can see it.
      expect(reported(document(stability, [query]), document(stability, []))).toEqual([
        { id: "api-document-changed", level: "info" },
      ]);
    },
  );

  test("from beta on, it is", () => {
    expect(reported(document("beta", [query]), document("beta", []))).toEqual([
      { id: "request-parameter-removed", level: "warning" },
    ]);
  });

  test("a stable operation that drops to alpha reports the drop and nothing else", () => {
    expect(reported(document("stable", [query]), document("alpha", []))).toEqual([
      { id: "api-stability-decreased", level: "breaking" },
    ]);
  });
});

describe("a scalar parameter that becomes an array", () => {
  const document = (parameter: Record<string, unknown>) => ({
    openapi: "3.1.0",
    info: { title: "array", version: "1" },
    paths: { "/things": { get: { parameters: [parameter], responses: { "200": { description: "ok" } } } } },
  });
  const scalar = { in: "query", name: "id", schema: { type: ["string", "integer"] } };
  const array = (items: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    ...scalar,
    ...extra,
    schema: { type: "array", items },
  });

  test("in a form-style, exploded query, with items that take every old value: a generalisation (`?id=5` still works)", () => {
    expect(reported(document(scalar), document(array({ type: "string" })))).toEqual([
      { id: "request-parameter-type-generalized", level: "info" },
    ]);
  });

  test("items given by reference are followed", () => {
    const components = { schemas: { Id: { type: "string" } } };
    const revision = { ...document(array({ $ref: "#/components/schemas/Id" })), components };
    expect(reported({ ...document(scalar), components }, revision)).toEqual([
      { id: "request-parameter-type-generalized", level: "info" },
    ]);
  });

  test.each([
    ["items of a narrower type", array({ type: "integer" })],
    ["items with a pattern", array({ type: "string", pattern: "^[a-z]+$" })],
    ["not exploded", array({ type: "string" }, { explode: false })],
    ["a header (simple style)", { ...array({ type: "string" }), in: "header" }],
  ])("with %s: a type change", (_name, revision) => {
    const base = { ...scalar, in: (revision as { in: string }).in };
    expect(reported(document(base), document(revision))).toEqual([
      { id: "request-parameter-type-changed", level: "breaking" },
    ]);
  });
});

test("a schema that becomes one branch of a oneOf, as it was, is wrapped in oneOf and nothing else", () => {
  const string = { type: "string", maxLength: 5, title: "a" };
  const base = documentWith("response", "body", string);
  const revision = documentWith("response", "body", { oneOf: [string, { type: "integer" }] });
  expect(reported(base, revision)).toEqual([{ id: "response-body-wrapped-in-one-of", level: "breaking" }]);
});
