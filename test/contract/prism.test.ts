import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { componentSchemas } from "../../generated/devin-v3-schemas.js";
import type { OpenApiDocument } from "../../scripts/lib/document/model.js";
import { parseDocumentText } from "../../scripts/lib/document/parse-text.js";
import { repairPathParameters } from "../../scripts/lib/generate/repair-path-params.js";
import { createDevinClient, getUsageMetrics, UnprocessableEntityError } from "../../src/index.js";
import { type PrismMock, startPrism } from "../support/prism.js";
import { prismView } from "../support/prism-view.js";
import { REPO_ROOT } from "../support/project-copy.js";
import { runProcess } from "../support/run-process.js";

const KEY = "cog_contract-test";
let prism: PrismMock;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "prism-contract-"));
  const spec = parseDocumentText(
    await readFile(join(REPO_ROOT, "spec", "v3-openapi.yaml"), "utf8"),
    "spec",
  ) as OpenApiDocument;
  const specFile = join(dir, "repaired.json");
  // What the contract is about, as Prism can serve it: no examples (documentation upstream owns), see prismView.
  await writeFile(specFile, JSON.stringify(prismView(repairPathParameters(spec).document)));
  prism = await startPrism(specFile);
});
afterAll(async () => {
  await prism?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("contract: our client against Prism, an independent implementation of the spec", () => {
  test("getUsageMetrics sends a request Prism accepts, and the answer validates against the spec", async () => {
    const client = createDevinClient({ apiKey: KEY, baseUrl: prism.url, validateResponses: true, maxRetries: 0 });
    const metrics = await getUsageMetrics(client, {
      orgId: "org-abc",
      timeAfter: new Date("2026-11-01T00:00:00Z"),
      timeBefore: new Date("2026-11-08T00:00:00Z"),
    });
    // Every field the spec requires (validateResponses checked their types). Prism generates the
    // answer from the schema, so it may add optional fields and any the schema does not forbid.
    const schema = componentSchemas.UsageMetrics as { required: string[] };
    expect(Object.keys(metrics)).toEqual(expect.arrayContaining(schema.required));
    expect(Number.isInteger(metrics.sessions_count)).toBe(true);
  });

  test("Prism enforces the spec's bearer security: no key → 401", async () => {
    const response = await fetch(`${prism.url}/v3/organizations/org-abc/metrics/usage`);
    expect(response.status).toBe(401);
  });

  test("Prism enforces the spec's query types, so a client that strayed from the spec would fail here", async () => {
    const client = createDevinClient({ apiKey: KEY, baseUrl: prism.url, maxRetries: 0 });
    const error = await getUsageMetrics(client, { orgId: "org-abc", timeAfter: "soon" as unknown as number }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UnprocessableEntityError);
  });

  test("a wrong scheme is refused by Prism too", async () => {
    const response = await fetch(`${prism.url}/v3/organizations/org-abc/metrics/usage`, {
      headers: { authorization: `Basic ${KEY}` },
    });
    expect(response.status).toBe(401);
  });

  test("devin-usage runs against Prism with an interval: one valid row per day", async () => {
    const result = await runProcess(
      process.execPath,
      [
        "--import",
        "tsx",
        join(REPO_ROOT, "src", "cli", "devin-usage.ts"),
        "--since",
        "2026-11-01",
        "--until",
        "2026-11-08",
        "--interval",
        "day",
        "--format",
        "json",
      ],
      { env: { DEVIN_API_KEY: KEY, DEVIN_ORG_ID: "org-abc", DEVIN_API_BASE_URL: prism.url } },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual(expect.objectContaining({ from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z" }));
  });
});
