import { describe, expect, test } from "vitest";
import { diffDocuments } from "../../../../scripts/lib/diff/diff-documents.js";
import { CHANGE_CASES } from "../../../fixtures/change-cases.js";
import { devinSpec, reverseKeys, USAGE_OPERATION, USAGE_PATH, variant } from "../../../support/spec-variants.js";

describe("diffDocuments", () => {
  test("identical documents: no changes", () => {
    expect(diffDocuments(devinSpec(), devinSpec()).changes).toEqual([]);
  });

  test("key order is not drift", () => {
    expect(diffDocuments(devinSpec(), reverseKeys(devinSpec()) as ReturnType<typeof devinSpec>).changes).toEqual([]);
  });

  test.each(CHANGE_CASES)("%s", (_name, { setup, edit, want, also }) => {
    const base = variant((doc) => setup?.(doc));
    const revision = variant((doc) => {
      setup?.(doc);
      edit(doc);
    });
    const { changes, summary } = diffDocuments(base, revision);
    expect(changes.map(({ id, level, operation }) => ({ id, level, operation }))).toContainEqual(want);
    expect(changes.filter((found) => found.id === want.id)).toHaveLength(1);
    // Exactly these, nothing more.
    expect(changes.map((found) => found.id).sort()).toEqual([want.id, ...(also ?? [])].sort());
    expect(summary[want.level]).toBeGreaterThanOrEqual(1);
    for (const found of changes) expect(found.location).toMatch(/^\//);
  });

  test("a change in a shared schema is reported once, at the schema, with the places that see it", () => {
    const withSecond = (doc: ReturnType<typeof devinSpec>) => {
      doc.paths["/v3/enterprise/metrics/usage"] = structuredClone(doc.paths[USAGE_PATH]);
    };
    const base = variant(withSecond);
    const revision = variant((doc) => {
      withSecond(doc);
      doc.components.schemas.UsageMetrics.properties.sessions_count.type = "string";
    });
    const { changes, summary } = diffDocuments(base, revision);
    expect(changes).toHaveLength(1);
    const [found] = changes;
    expect(found).toMatchObject({
      id: "response-property-type-changed",
      level: "breaking",
      operation: null,
      location: "/components/schemas/UsageMetrics/properties/sessions_count",
      message:
        "schema `UsageMetrics` property `sessions_count`: type changed from integer to string (seen at 2 places in 2 operations)",
      usedBy: [USAGE_OPERATION, "GET /v3/enterprise/metrics/usage"],
      usedByCount: 2,
    });
    expect(found?.reach?.rules).toEqual([{ id: "response-property-type-changed", level: "breaking", places: 2 }]);
    // Each place named says what a report of that operation alone would have said.
    expect(found?.reach?.first[0]).toEqual({
      operation: USAGE_OPERATION,
      location:
        "/paths/~1v3~1organizations~1{org_id}~1metrics~1usage/get/responses/200/content/application~1json/schema/properties/sessions_count",
      message: "response 200 (application/json): property `sessions_count` type changed from integer to string",
      id: "response-property-type-changed",
      level: "breaking",
    });
    expect(summary.operations.changed).toBe(2);
    expect(summary.schemas.changed).toBe(1);
  });

  test("a change seen from one place reads as that place says it", () => {
    const revision = variant((doc) => {
      doc.components.schemas.UsageMetrics.properties.sessions_count.type = "string";
    });
    const { changes } = diffDocuments(devinSpec(), revision);
    expect(changes).toEqual([
      {
        id: "response-property-type-changed",
        level: "breaking",
        operation: USAGE_OPERATION,
        location:
          "/paths/~1v3~1organizations~1{org_id}~1metrics~1usage/get/responses/200/content/application~1json/schema/properties/sessions_count",
        message: "response 200 (application/json): property `sessions_count` type changed from integer to string",
      },
    ]);
  });

  test("schema changes name the operations that use the schema", () => {
    const { changes } = diffDocuments(
      devinSpec(),
      variant((doc) => {
        doc.components.schemas.Page = {
          type: "object",
          properties: { metrics: { $ref: "#/components/schemas/UsageMetrics" } },
        };
        doc.paths[USAGE_PATH].get.responses["200"].content["application/json"].schema = {
          $ref: "#/components/schemas/Page",
        };
      }),
    );
    const added = changes.find((found) => found.id === "api-schema-added");
    expect(added?.usedBy).toEqual([USAGE_OPERATION]);
    expect(added?.message).toBe(`schema \`Page\` added (used by \`${USAGE_OPERATION}\`)`);
  });

  test("a renamed path parameter is the same operation", () => {
    const revision = variant((doc) => {
      doc.paths["/v3/organizations/{organization}/metrics/usage"] = doc.paths[USAGE_PATH];
      delete doc.paths[USAGE_PATH];
    });
    const { summary } = diffDocuments(devinSpec(), revision);
    expect(summary.operations).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  test("a recursive schema terminates", () => {
    const recursive = (doc: ReturnType<typeof devinSpec>) => {
      doc.components.schemas.UsageMetrics.properties.children = {
        type: "array",
        items: { $ref: "#/components/schemas/UsageMetrics" },
      };
    };
    const revision = variant((doc) => {
      recursive(doc);
      doc.components.schemas.UsageMetrics.properties.searches_count.type = "string";
    });
    const ids = diffDocuments(variant(recursive), revision).changes.map((found) => found.id);
    expect(ids).toEqual(["response-property-type-changed"]);
  });

  test("a change no client sees (a description) is still reported, as info", () => {
    const { changes } = diffDocuments(
      devinSpec(),
      variant((doc) => (doc.info.description = "changed")),
    );
    expect(changes).toEqual([
      expect.objectContaining({
        id: "api-document-changed",
        level: "info",
        operation: null,
        location: "/info/description",
      }),
    ]);
  });

  test("breaking changes come first", () => {
    const { changes } = diffDocuments(
      devinSpec(),
      variant((doc) => {
        doc.components.schemas.UsageMetrics.properties.acus_used = { type: "number" };
        doc.paths[USAGE_PATH].get.parameters[0].required = true;
      }),
    );
    expect(changes.map((found) => found.level)).toEqual(["breaking", "info"]);
  });
});
