import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { diffDocuments } from "../../../../scripts/lib/diff/diff-documents.js";
import {
  measurePair,
  measureReport,
  physicalLocation,
  readPairManifest,
  realPairsMarkdown,
} from "../../../../scripts/lib/parity/real-pairs.js";

/** A document where two operations answer with the same component, `Shared`, whose property may change type. */
const documentWith = (type: string) => ({
  openapi: "3.1.0",
  info: { title: "real pair", version: "1" },
  paths: Object.fromEntries(
    ["/a", "/b"].map((path) => [
      path,
      {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { shared: { $ref: "#/components/schemas/Shared" } } },
                },
              },
            },
          },
        },
      },
    ]),
  ),
  components: { schemas: { Shared: { type: "object", properties: { count: { type } } } } },
});

describe("measuring the differ on real version pairs", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "real-pairs-"));
    await writeFile(join(dir, "v1.json"), JSON.stringify(documentWith("integer")));
    await writeFile(join(dir, "v2.json"), JSON.stringify(documentWith("string")));
    await writeFile(
      join(dir, "MANIFEST.json"),
      JSON.stringify({
        documents: [
          { id: "api-1", localPath: "v1.json" },
          { id: "api-2", localPath: "v2.json" },
        ],
        pairs: [
          { id: "api-1__2", base: "api-1", revision: "api-2" },
          { id: "missing", base: "api-1", revision: "nowhere" },
        ],
      }),
    );
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("a manifest names its pairs by document id, paths relative to it; a pair with an unknown document is left out", async () => {
    expect(await readPairManifest(dir)).toEqual([
      { id: "api-1__2", base: join(dir, "v1.json"), revision: join(dir, "v2.json") },
    ]);
  });

  test("a pair is measured: breaking findings, the distinct places they are at, time and peak memory", async () => {
    const [pair] = await readPairManifest(join(dir, "MANIFEST.json"));
    const measure = await measurePair(pair as never);
    expect(measure).toMatchObject({ id: "api-1__2", breaking: 1, breakingPlaces: 1, largestStorm: 1 });
    expect(measure.ms).toBeGreaterThan(0);
    expect(measure.peakMb).toBeGreaterThan(0);
    expect(realPairsMarkdown([measure], true)).toContain("| api-1__2 | 1 | 1 | 1 |");
  });

  test("findings once per path count as one place: the storm a per-path report makes is visible as such", () => {
    const [base, revision] = [documentWith("integer"), documentWith("string")];
    const perPath = diffDocuments(base as never, revision as never);
    const [shared] = perPath.changes;
    // What a report per operation said: one change for each place the schema is seen from.
    const stormy = {
      ...perPath,
      changes: (shared?.reach?.first ?? []).map((place) => ({ ...place, operation: place.operation })),
    };
    expect(measureReport(stormy, { base, revision })).toMatchObject({ breakingPlaces: 1, largestStorm: 2 });
  });

  test("a pointer through an operation is followed through each reference to where the schema is written", () => {
    const document = documentWith("integer");
    expect(
      physicalLocation(
        document,
        "/paths/~1a/get/responses/200/content/application~1json/schema/properties/shared/properties/count",
      ),
    ).toBe("/components/schemas/Shared/properties/count");
    // Past what the document has (a property removed), the rest is kept as it was.
    expect(
      physicalLocation(
        document,
        "/paths/~1a/get/responses/200/content/application~1json/schema/properties/shared/properties/gone",
      ),
    ).toBe("/components/schemas/Shared/properties/gone");
  });
});
