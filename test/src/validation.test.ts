import { afterEach, describe, expect, test } from "vitest";
import { componentSchemas } from "../../generated/devin-v3-schemas.js";
import {
  createDevinClient,
  DevinInvalidResponseError,
  DevinResponseValidationError,
  getUsageMetrics,
} from "../../src/index.js";
import { validateAgainstSchema } from "../../src/validation.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";

const components = { components: componentSchemas };
const usage = { $ref: "#/components/schemas/UsageMetrics" };
const METRICS = { sessions_count: 12, searches_count: 34, prs_created_count: 5, prs_merged_count: 3 };

describe("validateAgainstSchema", () => {
  const cases: [string, { schema: unknown; value: unknown; want: string[] }][] = [
    ["a conforming UsageMetrics", { schema: usage, value: METRICS, want: [] }],
    [
      "a string where the spec says integer",
      {
        schema: usage,
        value: { ...METRICS, sessions_count: "12" },
        want: ['/sessions_count: expected integer, got "12"'],
      },
    ],
    [
      "a fraction where the spec says integer",
      {
        schema: usage,
        value: { ...METRICS, prs_merged_count: 1.5 },
        want: ["/prs_merged_count: expected integer, got 1.5"],
      },
    ],
    [
      "a missing required field",
      {
        schema: usage,
        value: { sessions_count: 1, searches_count: 2, prs_created_count: 3 },
        want: ["/prs_merged_count: required property is missing"],
      },
    ],
    ["not an object at all", { schema: usage, value: [1], want: ["/: expected object, got [1]"] }],
    [
      "extra fields are allowed unless the schema forbids them",
      { schema: usage, value: { ...METRICS, more: 1 }, want: [] },
    ],
    ["anyOf of a type and null", { schema: { anyOf: [{ type: "integer" }, { type: "null" }] }, value: null, want: [] }],
    [
      "anyOf with no match",
      {
        schema: { anyOf: [{ type: "integer" }, { type: "null" }] },
        value: "x",
        want: ['/: matches none of 2 alternatives (/: expected integer, got "x" | /: expected null, got "x")'],
      },
    ],
    [
      "array items, with pointers into the array",
      {
        schema: {
          type: "object",
          properties: {
            detail: {
              type: "array",
              items: {
                type: "object",
                required: ["loc", "msg", "type"],
                properties: { loc: { type: "array", items: { anyOf: [{ type: "string" }, { type: "integer" }] } } },
              },
            },
          },
        },
        value: {
          detail: [
            { loc: ["query", 1], msg: "m", type: "t" },
            { loc: [true], msg: "m" },
          ],
        },
        want: [
          "/detail/1/type: required property is missing",
          "/detail/1/loc/0: matches none of 2 alternatives (/detail/1/loc/0: expected string, got true | /detail/1/loc/0: expected integer, got true)",
        ],
      },
    ],
    ["enum", { schema: { enum: ["a", "b"] }, value: "c", want: ['/: expected one of "a", "b", got "c"'] }],
    ["OpenAPI 3.0 nullable", { schema: { type: "string", nullable: true }, value: null, want: [] }],
    [
      "additionalProperties: false",
      {
        schema: { type: "object", additionalProperties: false },
        value: { "a/b": 1 },
        want: ["/a~1b: property is not allowed"],
      },
    ],
  ];
  test.each(cases)("%s", (_name, { schema, value, want }) => {
    expect(validateAgainstSchema(value, schema, components)).toEqual(want);
  });
});

describe("response validation end to end", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test.each([
    [true, "throws DevinResponseValidationError naming the pointer"],
    [false, "passes the body through unchecked"],
  ])("validateResponses: %s %s", async (validateResponses) => {
    const body = { ...METRICS, sessions_count: "12" };
    server = await startServer((_request, response) => sendJson(response, 200, body));
    const client = createDevinClient({ apiKey: "cog_v", baseUrl: server.url, validateResponses, maxRetries: 0 });
    const result = await getUsageMetrics(client, { orgId: "o" }).catch((caught: unknown) => caught);
    if (validateResponses) {
      expect(result).toBeInstanceOf(DevinResponseValidationError);
      expect((result as DevinResponseValidationError).issues).toEqual(['/sessions_count: expected integer, got "12"']);
      expect((result as Error).message).toContain(
        'does not match the spec: /sessions_count: expected integer, got "12"',
      );
    } else {
      expect(result).toEqual(body);
    }
  });

  test("a conforming body passes validation", async () => {
    server = await startServer((_request, response) => sendJson(response, 200, METRICS));
    const client = createDevinClient({ apiKey: "cog_v", baseUrl: server.url, validateResponses: true });
    await expect(getUsageMetrics(client, { orgId: "o" })).resolves.toEqual(METRICS);
  });

  test("a body that is not JSON is a DevinInvalidResponseError that does not quote it", async () => {
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end("<html>");
    });
    const client = createDevinClient({ apiKey: "cog_v", baseUrl: server.url, validateResponses: true });
    const error = await getUsageMetrics(client, { orgId: "o" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DevinInvalidResponseError);
    expect((error as Error).message).toBe(
      `GET ${server.url}/v3/organizations/o/metrics/usage answered 200 with a body that is not JSON`,
    );
  });
});

describe("the validator's work grows with the value, not with paths through the schema", () => {
  /** UsageMetrics: allOf [D14]; each D(k): allOf of four references to D(k-1): 4^14 paths to D0. */
  function fanOut(levels: number): Record<string, unknown> {
    const fanned: Record<string, unknown> = {
      D0: { type: "object", properties: { sessions_count: { type: "integer" } } },
    };
    for (let level = 1; level <= levels; level++) {
      fanned[`D${level}`] = {
        allOf: Array.from({ length: 4 }, () => ({ $ref: `#/components/schemas/D${level - 1}` })),
      };
    }
    fanned.UsageMetrics = { allOf: [{ $ref: `#/components/schemas/D${levels}` }] };
    return fanned;
  }

  test("an allOf fan-out 14 levels deep is checked once per component and value", () => {
    const context = { components: fanOut(14), stats: { checks: 0 } };
    const issues = validateAgainstSchema({ ...METRICS, sessions_count: "12" }, usage, context);
    expect(issues).toEqual(['/sessions_count: expected integer, got "12"']);
    // 16 schemas with a handful of parts each, one value with 4 fields: a few dozen checks, not 4^14.
    expect(context.stats.checks).toBeLessThan(100);
  });

  test.each([100, 1_000])("an array of %i such values costs in proportion to its length", (length) => {
    const components = { ...fanOut(14), List: { type: "array", items: { $ref: "#/components/schemas/UsageMetrics" } } };
    const context = { components, stats: { checks: 0 } };
    const list = Array.from({ length }, (_, index) => ({ ...METRICS, sessions_count: index }));
    expect(validateAgainstSchema(list, { $ref: "#/components/schemas/List" }, context)).toEqual([]);
    expect(context.stats.checks).toBeLessThan(50 * length);
    expect(context.stats.checks).toBeGreaterThanOrEqual(length);
  });

  test("a schema that refers to itself validates a deep value, and reports nesting past its limit", () => {
    const components = { Node: { type: "object", properties: { child: { $ref: "#/components/schemas/Node" } } } };
    let value: unknown = {};
    for (let level = 0; level < 100_000; level++) value = { child: value };
    const issues = validateAgainstSchema(value, { $ref: "#/components/schemas/Node" }, { components });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^(\/child){256}: nested deeper than 256 levels, which is not validated$/);
  });
});
