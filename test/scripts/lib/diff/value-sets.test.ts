import { describe, expect, test } from "vitest";
import { diffDocuments } from "../../../../scripts/lib/diff/diff-documents.js";
import type { OpenApiDocument } from "../../../../scripts/lib/document/model.js";

/**
 * Drift judged as a client would, by the set of values a schema takes: each example is a
 * change a real API published (GitHub 22 → 23, Discord, OpenAI), reduced to its shape.
 */
type Schema = Record<string, unknown>;

/** A document whose schemas are components, used by `uses` operations in requests and/or responses. */
function api(schemas: Record<string, Schema>, uses: { request?: string; response?: string }[]): OpenApiDocument {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const paths: Record<string, unknown> = {};
  uses.forEach((use, index) => {
    paths[`/op${index}`] = {
      post: {
        ...(use.request ? { requestBody: { content: { "application/json": { schema: ref(use.request) } } } } : {}),
        responses: use.response
          ? { "200": { description: "ok", content: { "application/json": { schema: ref(use.response) } } } }
          : { "204": { description: "done" } },
      },
    };
  });
  return { openapi: "3.1.0", info: { title: "values", version: "1" }, paths, components: { schemas } } as never;
}

const ids = (base: OpenApiDocument, revision: OpenApiDocument) =>
  diffDocuments(base, revision)
    .changes.map(({ id, level }) => `${level} ${id}`)
    .sort();

describe("a storm from one schema", () => {
  // Discord: NameplatePalette `{type: string, oneOf: []}` became a string oneOf of const values, used everywhere.
  const palette = (oneOf: unknown[]) => ({ type: "string", oneOf });
  const consts = ["crimson", "berry", "sky", "teal", "forest", "bubble_gum", "violet", "cobalt", "clover", "lemon"].map(
    (value) => ({ title: value.toUpperCase(), const: value }),
  );
  const holder = (name: string) => ({
    type: "object",
    properties: { palette: { $ref: "#/components/schemas/NameplatePalette" }, name: { type: "string" } },
    title: name,
  });
  const schemas = (oneOf: unknown[]) => ({
    NameplatePalette: palette(oneOf),
    ...Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`Holder${index}`, holder(`h${index}`)])),
  });
  const uses = Array.from({ length: 40 }, (_, index) => ({ response: `Holder${index % 8}` }));

  test("in responses: a client still receives strings; nothing breaks and the report is one line", () => {
    const report = diffDocuments(api(schemas([]), uses), api(schemas(consts), uses));
    expect(report.summary.breaking).toBe(0);
    expect(report.changes.length).toBeLessThanOrEqual(1);
  });

  test("in requests: the values became an enum, once, at the schema, with its places counted", () => {
    const inRequests = uses.map((use) => ({ request: use.response }));
    const report = diffDocuments(api(schemas([]), inRequests), api(schemas(consts), inRequests));
    expect(report.changes.map(({ id, level }) => `${level} ${id}`)).toEqual(["breaking request-property-became-enum"]);
    expect(report.changes[0]?.location).toBe("/components/schemas/NameplatePalette");
    expect(report.changes[0]?.reach).toMatchObject({ places: 40, operations: 40 });
  });
});

describe("equivalent rewrites are not breaks", () => {
  test("an enum rewritten as a oneOf of one-value enums (GitHub 22 → 23, budget_type)", () => {
    const before = {
      Budget: { type: "object", properties: { budget_type: { type: "string", enum: ["Sku", "Product"] } } },
    };
    const after = {
      Budget: {
        type: "object",
        properties: {
          budget_type: {
            oneOf: [
              { type: "string", enum: ["Sku"] },
              { type: "string", enum: ["Product"] },
            ],
          },
        },
      },
    };
    const uses = [{ request: "Budget", response: "Budget" }];
    expect(ids(api(before, uses), api(after, uses))).toEqual(["info api-document-changed"]);
    // And as consts, and back.
    const consts = {
      Budget: {
        type: "object",
        properties: { budget_type: { type: "string", anyOf: [{ const: "Sku" }, { const: "Product" }] } },
      },
    };
    expect(ids(api(consts, uses), api(before, uses))).toEqual(["info api-document-changed"]);
  });

  test("a request oneOf branch folded into the other, which now takes the same bodies (GitHub, issue labels)", () => {
    const names = { type: "array", minItems: 1, items: { type: "string" } };
    const objects = {
      type: "array",
      minItems: 1,
      items: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
    };
    const either = {
      type: "array",
      minItems: 1,
      items: {
        oneOf: [
          { type: "string" },
          {
            type: "object",
            required: ["name"],
            properties: { name: { type: "string" }, rationale: { type: "string" } },
          },
        ],
      },
    };
    const body = (...branches: Schema[]) => ({
      Labels: { oneOf: branches.map((labels) => ({ type: "object", properties: { labels } })) },
    });
    const uses = [{ request: "Labels" }];
    const found = ids(api(body(names, objects), uses), api(body(either), uses));
    expect(found.filter((id) => id.startsWith("breaking"))).toEqual([]);
    expect(found).toContain("info request-body-one-of-folded");
  });

  test("additionalProperties: false added with new optional properties, old bodies still valid (GitHub, projectsV2 items)", () => {
    const item = (closed: boolean) => ({
      Item: {
        type: "object",
        required: ["type"],
        properties: {
          type: { type: "string", enum: ["Issue", "PullRequest"] },
          id: { type: "integer" },
          ...(closed ? { owner: { type: "string" }, repo: { type: "string" }, number: { type: "integer" } } : {}),
        },
        ...(closed ? { additionalProperties: false } : {}),
      },
    });
    const uses = [{ request: "Item" }];
    expect(ids(api(item(false), uses), api(item(true), uses))).toEqual([
      "info new-optional-request-property",
      "info new-optional-request-property",
      "info new-optional-request-property",
      "info request-body-additional-properties-closed",
    ]);
  });

  test("…but closing an object that drops a property it declared is still a break", () => {
    const item = (closed: boolean) => ({
      Item: {
        type: "object",
        properties: closed ? { type: { type: "string" } } : { type: { type: "string" }, id: { type: "integer" } },
        ...(closed ? { additionalProperties: false } : {}),
      },
    });
    const uses = [{ request: "Item" }];
    expect(ids(api(item(false), uses), api(item(true), uses))).toContain(
      "breaking request-body-additional-properties-added",
    );
  });
});

describe("a branch that takes anything of its type", () => {
  // OpenAI: `model` is anyOf [string, {string enum}]: any string is accepted, whatever the enum lists.
  const model = (names: string[]) => ({
    Request: {
      type: "object",
      properties: { model: { anyOf: [{ type: "string" }, { type: "string", enum: names }] } },
    },
  });
  const uses = [{ request: "Request" }];

  test("names removed from the enum branch: no client sees a change", () => {
    expect(ids(api(model(["gpt-4", "gpt-3.5", "davinci"]), uses), api(model(["gpt-4"]), uses))).toEqual([
      "info api-document-changed",
    ]);
  });

  test("a plain string that becomes that anyOf: nothing either", () => {
    const plain = { Request: { type: "object", properties: { model: { type: "string" } } } };
    expect(ids(api(plain, uses), api(model(["gpt-4"]), uses))).toEqual(["info api-document-changed"]);
  });

  test("dropping the unconstrained branch is a real change: the enum is what is left", () => {
    const only = { Request: { type: "object", properties: { model: { type: "string", enum: ["gpt-4"] } } } };
    expect(ids(api(model(["gpt-4"]), uses), api(only, uses))).toEqual(["breaking request-property-became-enum"]);
  });
});

describe("constraints from none", () => {
  const field = (extra: Schema) => ({
    Record: { type: "object", properties: { environment: { type: "string", ...extra } } },
  });
  const uses = [{ request: "Record" }];
  const one = (before: Schema, after: Schema) => ids(api(field(before), uses), api(field(after), uses));

  test.each([
    // GitHub 22 → 23, POST /orgs/{org}/artifacts/metadata/deployment-record, logical_environment.
    ["minLength newly set to 1 on a request string", { minLength: 1 }, "breaking request-property-min-length-set"],
    ["maxItems newly set on a request array", { maxItems: 10 }, "breaking request-property-max-items-set"],
    ["minProperties newly set above 0", { minProperties: 1 }, "breaking request-property-min-properties-set"],
  ])("%s: breaking, as its counterpart from a bound to a tighter one", (_name, after, want) => {
    const keyword = Object.keys(after)[0] as string;
    const base = {
      Record: {
        type: "object",
        properties: {
          value: { type: keyword === "minLength" ? "string" : keyword === "maxItems" ? "array" : "object" },
        },
      },
    };
    const revision = structuredClone(base) as { Record: { properties: { value: Schema } } };
    Object.assign(revision.Record.properties.value, after);
    expect(ids(api(base, uses), api(revision as never, uses))).toEqual([want]);
  });

  test("minLength 2 → 3 is breaking too (the counterpart)", () => {
    expect(one({ minLength: 2 }, { minLength: 3 })).toEqual(["breaking request-property-min-length-increased"]);
  });

  test("a minimum of 0 set is no bound at all", () => {
    expect(one({}, { minLength: 0 })).toEqual(["info api-document-changed"]);
  });
});

describe("the worst of the places decides, request and response apart", () => {
  test("an enum value added to a schema both sent and received: one finding, a warning (responses), info in requests", () => {
    const status = (values: string[]) => ({
      Status: { type: "object", properties: { state: { type: "string", enum: values } } },
    });
    const uses = [{ request: "Status" }, { response: "Status" }, { request: "Status", response: "Status" }];
    const report = diffDocuments(api(status(["open"]), uses), api(status(["open", "closed"]), uses));
    expect(report.changes).toHaveLength(1);
    expect(report.changes[0]).toMatchObject({ id: "response-property-enum-value-added", level: "warning" });
    expect(report.changes[0]?.reach?.rules).toEqual([
      { id: "response-property-enum-value-added", level: "warning", places: 2 },
      { id: "request-property-enum-value-added", level: "info", places: 2 },
    ]);
    expect(report.changes[0]?.reach?.operations).toBe(3);
  });
});

test("an optional request body with no schema removed (GitHub 23.0.0 → 23.0.1, a GET): info", () => {
  const get = (body: boolean): OpenApiDocument =>
    ({
      openapi: "3.1.0",
      info: { title: "contents", version: "1" },
      paths: {
        "/contents/{path}": {
          get: {
            parameters: [{ in: "path", name: "path", required: true, schema: { type: "string" } }],
            ...(body
              ? {
                  requestBody: {
                    required: false,
                    content: { "application/json": { examples: { file: { summary: "a file" } } } },
                  },
                }
              : {}),
            responses: { "200": { description: "ok" } },
          },
        },
      },
    }) as never;
  expect(ids(get(true), get(false))).toEqual(["info request-body-without-schema-removed"]);
});

test("a required list dropped is one change (rclone: fifteen response properties became optional at once)", () => {
  const names = Array.from({ length: 15 }, (_, index) => `section${index}`);
  const options = (required: string[]) => ({
    Options: {
      type: "object",
      required,
      properties: Object.fromEntries(names.map((name) => [name, { type: "object" }])),
    },
  });
  const uses = [{ response: "Options" }];
  const report = diffDocuments(api(options(names), uses), api(options([]), uses));
  expect(report.changes.map(({ id, level }) => `${level} ${id}`)).toEqual([
    "breaking response-property-became-optional",
  ]);
  expect(report.changes[0]?.message).toBe(
    "response 200 (application/json): body properties `section0`, `section1`, `section2`, `section3`, `section4`, `section5`, `section6`, `section7`, `section8`, `section9` and 5 more became optional (15)",
  );
  // One property alone still reads as it did.
  const one = diffDocuments(api(options(["section0"]), uses), api(options([]), uses));
  expect(one.changes[0]?.message).toBe("response 200 (application/json): property `section0` became optional");
});

describe("rewrites OpenAI published (3.0, 2025-03 → 2025-04)", () => {
  const comparison = {
    type: "object",
    required: ["key"],
    properties: { key: { type: "string" }, value: { type: "string" } },
  };
  const compound = { type: "object", required: ["filters"], properties: { filters: { type: "array" } } };
  const uses = [{ request: "Tool", response: "Tool" }];

  test("branches moved into a referenced anyOf, made nullable: only the nullability is a change", () => {
    const before = {
      Comparison: comparison,
      Compound: compound,
      Tool: {
        type: "object",
        properties: {
          filters: { oneOf: [{ $ref: "#/components/schemas/Comparison" }, { $ref: "#/components/schemas/Compound" }] },
        },
      },
    };
    const after = {
      Comparison: comparison,
      Compound: compound,
      Filters: { anyOf: [{ $ref: "#/components/schemas/Comparison" }, { $ref: "#/components/schemas/Compound" }] },
      Tool: {
        type: "object",
        properties: { filters: { anyOf: [{ $ref: "#/components/schemas/Filters" }, { type: "null" }] } },
      },
    };
    const found = ids(api(before, uses), api(after, uses));
    expect(found.filter((id) => id.includes("-of-removed"))).toEqual([]);
    expect(found).toContain("breaking response-property-became-nullable");
  });

  test("additionalProperties: true written as {} is no constraint", () => {
    const tool = (parameters: Schema) => ({ Tool: { type: "object", properties: { parameters } } });
    expect(
      ids(
        api(tool({ type: "object", additionalProperties: true }), uses),
        api(tool({ type: "object", additionalProperties: {} }), uses),
      ),
    ).toEqual(["info api-document-changed"]);
  });
});
