import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import type { OpenApiDocument } from "../../../../scripts/lib/document/model.js";
import { parseDocumentText } from "../../../../scripts/lib/document/parse-text.js";
import { describeRepair, repairPathParameters } from "../../../../scripts/lib/generate/repair-path-params.js";
import { REPO_ROOT } from "../../../support/project-copy.js";

const ok = { "200": { description: "ok" } };
const idParam = { name: "id", in: "path", required: true, schema: { type: "integer" } };
const added = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

function documentWith(paths: Record<string, unknown>, components?: Record<string, unknown>): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths,
    ...(components ? { components } : {}),
  } as OpenApiDocument;
}

describe("repairPathParameters", () => {
  const cases: [string, { given: OpenApiDocument; wantParameters: unknown[] | undefined; wantRepairs: string[] }][] = [
    [
      "undeclared parameter is added to the operation",
      {
        given: documentWith({ "/orgs/{org_id}": { get: { operationId: "getOrg", responses: ok } } }),
        wantParameters: [added("org_id")],
        wantRepairs: ["org_id"],
      },
    ],
    [
      "declared at path-item level: nothing to repair",
      {
        given: documentWith({ "/items/{id}": { parameters: [idParam], get: { responses: ok } } }),
        wantParameters: undefined,
        wantRepairs: [],
      },
    ],
    [
      "declared at operation level: nothing to repair",
      {
        given: documentWith({ "/items/{id}": { get: { parameters: [idParam], responses: ok } } }),
        wantParameters: [idParam],
        wantRepairs: [],
      },
    ],
    [
      "declared through a $ref to components.parameters",
      {
        given: documentWith(
          { "/items/{id}": { get: { parameters: [{ $ref: "#/components/parameters/Id" }], responses: ok } } },
          { parameters: { Id: idParam } },
        ),
        wantParameters: [{ $ref: "#/components/parameters/Id" }],
        wantRepairs: [],
      },
    ],
    [
      "two undeclared parameters are both added, in template order, after existing ones",
      {
        given: documentWith({
          "/orgs/{org_id}/users/{user_id}": {
            get: { parameters: [{ name: "q", in: "query", schema: { type: "string" } }], responses: ok },
          },
        }),
        wantParameters: [{ name: "q", in: "query", schema: { type: "string" } }, added("org_id"), added("user_id")],
        wantRepairs: ["org_id", "user_id"],
      },
    ],
    [
      "a query parameter of the same name does not count as declared",
      {
        given: documentWith({
          "/orgs/{org_id}": { get: { parameters: [{ name: "org_id", in: "query" }], responses: ok } },
        }),
        wantParameters: [{ name: "org_id", in: "query" }, added("org_id")],
        wantRepairs: ["org_id"],
      },
    ],
    [
      "a path without a template is left alone",
      {
        given: documentWith({ "/health": { get: { responses: ok } } }),
        wantParameters: undefined,
        wantRepairs: [],
      },
    ],
  ];

  test.each(cases)("%s", (_name, { given, wantParameters, wantRepairs }) => {
    const before = structuredClone(given);
    const { document, repairs } = repairPathParameters(given);
    const [path, item] = Object.entries(document.paths)[0] as [string, Record<string, { parameters?: unknown[] }>];
    expect(item.get?.parameters).toEqual(wantParameters);
    expect(repairs.map((repair) => repair.parameter)).toEqual(wantRepairs);
    expect(repairs.every((repair) => repair.path === path && repair.method === "get")).toBe(true);
    expect(given).toEqual(before); // the input is never modified
  });

  test("each operation of a path item is repaired on its own", () => {
    const { document, repairs } = repairPathParameters(
      documentWith({ "/orgs/{org_id}": { get: { responses: ok }, delete: { responses: ok } } }),
    );
    expect(repairs.map((repair) => `${repair.method} ${repair.parameter}`)).toEqual(["get org_id", "delete org_id"]);
    const item = document.paths["/orgs/{org_id}"] as Record<string, { parameters?: unknown[] }>;
    expect(item.delete?.parameters).toEqual([added("org_id")]);
  });

  test("changes nothing but the added parameters", () => {
    const text = readFileSync(`${REPO_ROOT}/test/fixtures/devin-v3-seed.yaml`, "utf8");
    const original = parseDocumentText(text, "spec") as OpenApiDocument;
    const { document } = repairPathParameters(original);
    const operation = (
      document.paths["/v3/organizations/{org_id}/metrics/usage"] as Record<string, { parameters: unknown[] }>
    ).get;
    const originalOperation = (
      original.paths["/v3/organizations/{org_id}/metrics/usage"] as Record<string, { parameters: unknown[] }>
    ).get;
    expect(operation?.parameters).toEqual([...(originalOperation?.parameters ?? []), added("org_id")]);
    operation?.parameters.pop();
    expect(document).toEqual(original);
  });

  test("the warning names the operation and the parameter", () => {
    const { repairs } = repairPathParameters(
      documentWith({ "/orgs/{org_id}": { get: { operationId: "getOrg", responses: ok } } }),
    );
    expect(repairs.map(describeRepair)).toEqual([
      'GET "/orgs/{org_id}" (operationId "getOrg"): undeclared path parameter "org_id" added as a required string',
    ]);
  });
});

describe("path parameters that admit null are narrowed", () => {
  const orgPath = (schema: unknown) => ({ name: "org_id", in: "path", required: true, schema, example: "org-1" });
  const cases: [string, unknown, unknown][] = [
    [
      "3.1 anyOf with a null branch (FastAPI)",
      { anyOf: [{ type: "string" }, { type: "null" }], title: "Org Id" },
      { type: "string", title: "Org Id" },
    ],
    ["3.1 oneOf with a null branch", { oneOf: [{ type: "null" }, { type: "integer" }] }, { type: "integer" }],
    ["3.1 type array", { type: ["string", "null"], minLength: 1 }, { type: "string", minLength: 1 }],
    ["3.0 nullable", { type: "string", nullable: true }, { type: "string" }],
    [
      "anyOf of two types and null keeps both",
      { anyOf: [{ type: "string" }, { type: "integer" }, { type: "null" }] },
      { anyOf: [{ type: "string" }, { type: "integer" }] },
    ],
  ];
  test.each(cases)("%s", (_name, schema, want) => {
    const given = documentWith({
      "/orgs/{org_id}": { post: { operationId: "make", parameters: [orgPath(schema)], responses: ok } },
    });
    const before = structuredClone(given);
    const { document, repairs } = repairPathParameters(given);
    const operation = (document.paths["/orgs/{org_id}"] as Record<string, { parameters: unknown[] }>).post;
    expect(operation?.parameters).toEqual([orgPath(want)]);
    expect(repairs).toEqual([
      { kind: "nullable", method: "post", path: "/orgs/{org_id}", operationId: "make", parameter: "org_id" },
    ]);
    expect(repairs.map(describeRepair)).toEqual([
      'POST "/orgs/{org_id}" (operationId "make"): path parameter "org_id" admits null; narrowed to its non-null schema',
    ]);
    expect(given).toEqual(before);
  });

  test("a nullable query parameter is left alone, and so is a parameter shared by reference", () => {
    const nullable = { anyOf: [{ type: "string" }, { type: "null" }] };
    const given = documentWith(
      {
        "/orgs/{org_id}": {
          parameters: [{ $ref: "#/components/parameters/Org" }],
          get: { parameters: [{ name: "q", in: "query", schema: nullable }], responses: ok },
        },
      },
      { parameters: { Org: orgPath(nullable) } },
    );
    const { document, repairs } = repairPathParameters(given);
    const item = document.paths["/orgs/{org_id}"] as { parameters: unknown[]; get: { parameters: unknown[] } };
    expect(item.get.parameters).toEqual([{ name: "q", in: "query", schema: nullable }]);
    // The path-item's reference becomes a narrowed inline copy; the shared component is unchanged.
    expect(item.parameters).toEqual([orgPath({ type: "string" })]);
    expect(document.components).toEqual(given.components);
    expect(repairs.map((repair) => [repair.kind, repair.parameter])).toEqual([["nullable", "org_id"]]);
  });

  test("the three published operations: both repairs, each reported", () => {
    const published = parseDocumentText(
      readFileSync(`${REPO_ROOT}/test/fixtures/devin-v3-three-ops.yaml`, "utf8"),
      "three-ops",
    ) as OpenApiDocument;
    const { repairs } = repairPathParameters(published);
    expect(repairs.map((repair) => `${repair.kind} ${repair.method} ${repair.path} ${repair.parameter}`)).toEqual([
      "undeclared get /v3/organizations/{org_id}/metrics/usage org_id",
      "nullable post /v3/organizations/{org_id}/sessions org_id",
      "nullable get /v3/organizations/{org_id}/sessions/{devin_id} devin_id",
      "nullable get /v3/organizations/{org_id}/sessions/{devin_id} org_id",
    ]);
  });
});
