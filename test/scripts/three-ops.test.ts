import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main as generateMain } from "../../scripts/generate.js";
import { copyProject, type ProjectCopy, REPO_ROOT } from "../support/project-copy.js";
import { runMain } from "../support/run-main.js";
import { typecheckFile } from "../support/run-process.js";

/**
 * The published document beyond the seed: the usage operation and two session operations
 * as published (their path parameters declared `anyOf: [string, null]`), generated in a
 * copy of the project, never in generated/.
 */
describe("the three published operations", () => {
  let project: ProjectCopy;
  let generation: Awaited<ReturnType<typeof runMain>>;
  beforeAll(async () => {
    project = await copyProject();
    await copyFile(
      join(REPO_ROOT, "test", "fixtures", "devin-v3-three-ops.yaml"),
      join(project.root, "spec", "v3-openapi.yaml"),
    );
    generation = await runMain(generateMain, ["--root", project.root]);
  });
  afterAll(async () => {
    await project?.remove();
  });

  test("generate repairs both ways, one warning each", () => {
    expect(generation.code).toBe(0);
    const warnings = generation.stderr.split("\n").filter((line) => line.startsWith("warning: "));
    expect(warnings).toHaveLength(4);
    expect(warnings.filter((line) => line.includes("admits null; narrowed to its non-null schema"))).toHaveLength(3);
  });

  test("the client is typed with non-null path segments and the spec's request body; getUsageMetrics still compiles", async () => {
    const consumer = `
import { expectTypeOf } from "vitest";
import { type components, createDevinClient, getUsageMetrics, type paths, type UsageMetrics } from "./src/index.js";

const client = createDevinClient({ apiKey: "cog_x" });
type Create = paths["/v3/organizations/{org_id}/sessions"]["post"];
type Body = components["schemas"]["SessionCreateRequest"];
expectTypeOf<Create["parameters"]["path"]>().toEqualTypeOf<{ org_id: string }>();
expectTypeOf<Create["requestBody"]["content"]["application/json"]>().toEqualTypeOf<Body>();
expectTypeOf<paths["/v3/organizations/{org_id}/sessions/{devin_id}"]["get"]["parameters"]["path"]>().toEqualTypeOf<{
  devin_id: string;
  org_id: string;
}>();
declare const body: Body;
void client.POST("/v3/organizations/{org_id}/sessions", { params: { path: { org_id: "org-1" } }, body });
// @ts-expect-error a path segment is never null
void client.POST("/v3/organizations/{org_id}/sessions", { params: { path: { org_id: null } }, body });
// @ts-expect-error the request body is required
void client.POST("/v3/organizations/{org_id}/sessions", { params: { path: { org_id: "org-1" } } });
expectTypeOf(getUsageMetrics(client, { orgId: "org-1", timeAfter: new Date() })).resolves.toEqualTypeOf<UsageMetrics>();
`;
    await writeFile(join(project.root, "three-ops-consumer.ts"), consumer);
    const result = await typecheckFile(project.root, "three-ops-consumer.ts");
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
