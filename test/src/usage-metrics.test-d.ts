import { describe, expectTypeOf, test } from "vitest";
import {
  type CallOptions,
  type components,
  createDevinClient,
  type DevinClient,
  getUsageMetrics,
  type HTTPValidationError,
  type OperationError,
  type operations,
  type paths,
  type UnprocessableEntityError,
  type USAGE_METRICS_PATH,
  type UsageMetrics,
  type UsageMetricsParams,
} from "../../src/index.js";

declare const client: DevinClient;

describe("types come from the generated spec types", () => {
  test("UsageMetrics is the spec's schema, and the operation's 200 body", () => {
    expectTypeOf<UsageMetrics>().toEqualTypeOf<components["schemas"]["UsageMetrics"]>();
    // Field by field rather than the whole shape, so a field added upstream (not breaking) does not fail this.
    expectTypeOf<UsageMetrics["sessions_count"]>().toEqualTypeOf<number>();
    expectTypeOf<UsageMetrics["searches_count"]>().toEqualTypeOf<number>();
    expectTypeOf<UsageMetrics["prs_created_count"]>().toEqualTypeOf<number>();
    expectTypeOf<UsageMetrics["prs_merged_count"]>().toEqualTypeOf<number>();
    expectTypeOf<HTTPValidationError>().toEqualTypeOf<components["schemas"]["HTTPValidationError"]>();
    // A 422 of getUsageMetrics' operation has the body its spec declares (through isErrorOf, the typed error model).
    type Thrown = Extract<OperationError<paths[typeof USAGE_METRICS_PATH]["get"]>, UnprocessableEntityError<unknown>>;
    expectTypeOf<Thrown["body"]>().toEqualTypeOf<HTTPValidationError>();
  });

  test("the parameters are the operation's, camelCased; times also take a Date", () => {
    type Query = NonNullable<
      operations["handle_get_usage_metrics_v3_organizations__org_id__metrics_usage_get"]["parameters"]["query"]
    >;
    expectTypeOf<UsageMetricsParams["orgId"]>().toEqualTypeOf<string>();
    expectTypeOf<UsageMetricsParams["timeAfter"]>().toEqualTypeOf<Query["time_after"] | Date>();
    expectTypeOf<UsageMetricsParams["timeBefore"]>().toEqualTypeOf<Query["time_before"] | Date>();
  });

  test("the correct call compiles and resolves to UsageMetrics", () => {
    expectTypeOf(
      getUsageMetrics(client, { orgId: "org-abc", timeAfter: new Date("2026-11-01") }),
    ).resolves.toEqualTypeOf<UsageMetrics>();
    expectTypeOf(
      getUsageMetrics(client, { orgId: "org-abc", timeAfter: 1_700_000_000, timeBefore: null }),
    ).resolves.toEqualTypeOf<UsageMetrics>();
    expectTypeOf(getUsageMetrics).parameter(2).toEqualTypeOf<CallOptions | undefined>();
  });

  test("mistakes are compile errors", async () => {
    // @ts-expect-error a misspelt query parameter
    void getUsageMetrics(client, { orgId: "org-abc", timeAftr: 1 });
    // @ts-expect-error a query parameter of the wrong type
    void getUsageMetrics(client, { orgId: "org-abc", timeAfter: "2026-11-01" });
    // @ts-expect-error the spec's snake_case name is not the wrapper's
    void getUsageMetrics(client, { orgId: "org-abc", time_after: 1 });
    // @ts-expect-error orgId is required
    void getUsageMetrics(client, { timeAfter: 1 });
    const metrics = await getUsageMetrics(client, { orgId: "org-abc" });
    // @ts-expect-error a misspelt response field
    void metrics.session_count;
  });

  test("the raw client is typed for every operation of the spec", () => {
    expectTypeOf(createDevinClient({ apiKey: "cog_x" })).toEqualTypeOf<DevinClient>();
    // Among the spec's paths (others may be added upstream: that is not a break).
    expectTypeOf<typeof USAGE_METRICS_PATH>().toExtend<keyof paths>();
    void client.GET("/v3/organizations/{org_id}/metrics/usage", { params: { path: { org_id: "org-abc" } } });
    // @ts-expect-error the path parameter is required (the repair declared it)
    void client.GET("/v3/organizations/{org_id}/metrics/usage", { params: {} });
    // @ts-expect-error a path that is in no spec
    void client.GET("/__not-an-operation__", {});
  });
});
