import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type AdversarialPair,
  allOfFanOut,
  longNames,
  manyChanges,
  referenceDag,
  sharedFanIn,
  wideSchema,
} from "../../../../scripts/lib/bench/adversarial-documents.js";
import type { DiffReport } from "../../../../scripts/lib/diff/change.js";
import { diffDocuments } from "../../../../scripts/lib/diff/diff-documents.js";
import { formatJson } from "../../../../scripts/lib/diff/report/json.js";
import { formatText } from "../../../../scripts/lib/diff/report/text.js";
import { WorkCounter } from "../../../../scripts/lib/diff/work.js";
import type { OpenApiDocument } from "../../../../scripts/lib/document/model.js";
import { PipelineError } from "../../../../scripts/lib/util/pipeline-error.js";

/**
 * The differ's cost contract (issue: work that is not bounded by the document): on every
 * shape that used to make it grow with the paths through a document, at every size, the
 * steps it takes and the report it writes stay within a small multiple of the documents'
 * size. Only counts are asserted, never times. A failure prints fast-check's seed.
 */
const STEPS_PER_VALUE = 12;
const OUTPUT_PER_INPUT_BYTE = 10;
const settings = { numRuns: 10, endOnFailure: true };

function measured(pair: Pick<AdversarialPair, "base" | "revision">): { report: DiffReport; steps: number } {
  const work = new WorkCounter([pair.base, pair.revision]);
  const report = diffDocuments(pair.base, pair.revision, { work });
  const values = work.documentValues;
  expect(work.steps).toBeLessThanOrEqual(STEPS_PER_VALUE * values + 200);
  const input = JSON.stringify(pair.base).length + JSON.stringify(pair.revision).length;
  for (const output of [formatText(report), formatJson(report)])
    expect(output.length).toBeLessThanOrEqual(OUTPUT_PER_INPUT_BYTE * input + 2000);
  return { report, steps: work.steps };
}

const SHAPES: [string, fc.Arbitrary<AdversarialPair>][] = [
  [
    "allOf fan-out",
    fc.tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 5 })).map(([d, w]) => allOfFanOut(d, w)),
  ],
  ["reference DAG", fc.integer({ min: 1, max: 30 }).map(referenceDag)],
  ["fan-in", fc.integer({ min: 1, max: 120 }).map(sharedFanIn)],
  ["width", fc.integer({ min: 1, max: 150 }).map(wideSchema)],
  [
    "long names",
    fc.tuple(fc.integer({ min: 3, max: 30 }), fc.integer({ min: 8, max: 2000 })).map(([n, l]) => longNames(n, l)),
  ],
  ["many changes", fc.integer({ min: 1, max: 800 }).map(manyChanges)],
];

describe("work and output stay within a small multiple of the documents' size", () => {
  test.each(SHAPES)("%s, at sizes fast-check picks", (_name, shape) => {
    fc.assert(
      fc.property(shape, (pair) => {
        measured(pair);
      }),
      settings,
    );
  });

  /** Random DAGs of component schemas that share each other, used by random operations; random leaves change. */
  const randomDag = fc
    .record({
      schemas: fc.array(fc.array(fc.oneof(fc.nat(), fc.constant(-1)), { minLength: 1, maxLength: 4 }), {
        minLength: 1,
        maxLength: 60,
      }),
      operations: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
      changed: fc.array(fc.nat(), { maxLength: 10 }),
    })
    .map(({ schemas, operations, changed }) => {
      const build = (changedLeaves: Set<number>) => {
        const components: Record<string, unknown> = {};
        schemas.forEach((targets, index) => {
          const properties: Record<string, unknown> = {};
          targets.forEach((target, position) => {
            // A reference to an earlier schema (a DAG with sharing), or a leaf of its own.
            properties[`p${position}`] =
              target >= 0 && index > 0
                ? { $ref: `#/components/schemas/S${target % index}` }
                : { type: changedLeaves.has(index) ? "integer" : "string" };
          });
          components[`S${index}`] = { type: "object", properties };
        });
        const paths = Object.fromEntries(
          operations.map((target, index) => [
            `/op${index}`,
            {
              post: {
                requestBody: {
                  content: {
                    "application/json": { schema: { $ref: `#/components/schemas/S${target % schemas.length}` } },
                  },
                },
                responses: {
                  "200": {
                    description: "ok",
                    content: {
                      "application/json": { schema: { $ref: `#/components/schemas/S${target % schemas.length}` } },
                    },
                  },
                },
              },
            },
          ]),
        );
        return {
          openapi: "3.1.0",
          info: { title: "dag", version: "1" },
          paths,
          components: { schemas: components },
        } as OpenApiDocument;
      };
      const leaves = new Set(changed.map((index) => index % schemas.length));
      return { base: build(new Set()), revision: build(leaves), leaves };
    });

  test("random DAGs of shared schemas: bounded, and each changed leaf is one finding however many paths reach it", () => {
    fc.assert(
      fc.property(randomDag, ({ base, revision }) => {
        const { report } = measured({ base, revision });
        // A leaf's type change is one change (its request and response places together), never one per path.
        const typeChanges = report.changes.filter((found) => found.id.endsWith("-type-changed"));
        const locations = new Set(typeChanges.map((found) => found.location));
        expect(locations.size).toBe(typeChanges.length);
      }),
      settings,
    );
  });
});

describe("each shape's change is reported once, with its places counted", () => {
  test("a leaf reached by 2^24 paths, in requests and responses: one finding per change, every place counted", () => {
    const { report } = measured(referenceDag(24));
    const typeChange = report.changes.filter((found) => found.message.includes("type changed"));
    expect(typeChange).toHaveLength(1);
    expect(typeChange[0]?.reach?.places).toBe(2 * 2 ** 24);
    expect(typeChange[0]?.reach?.rules.map(({ id, places }) => [id, places])).toEqual([
      ["request-property-type-changed", 2 ** 24],
      ["response-property-type-changed", 2 ** 24],
    ]);
    expect(typeChange[0]?.reach?.first).toHaveLength(5);
    expect(report.changes).toHaveLength(2); // and the property added
  });

  test("an allOf fan-out 4 wide and 14 deep: the leaf's two changes, once each", () => {
    const { report } = measured(allOfFanOut(14));
    expect(report.changes.map((found) => found.id).sort()).toEqual([
      "response-optional-property-added",
      "response-property-type-changed",
    ]);
  });

  test("operations sharing a schema that gains new ones: each new schema names ten users and counts them all", () => {
    const { report } = measured(sharedFanIn(300));
    const added = report.changes.filter((found) => found.id === "api-schema-added");
    expect(added).toHaveLength(300);
    for (const found of added) {
      expect(found.usedByCount).toBe(300);
      expect(found.usedBy).toHaveLength(10);
    }
    expect(added[0]?.message).toContain("and 290 more operations");
    expect(report.summary.operations.changed).toBe(300);
  });
});

describe("a comparison that would still exceed its budget ends with one line", () => {
  /** `allOf` inheritance where each schema adds a property: the merged views are quadratic in the chain's length. */
  const chain = (length: number, type = "string") => {
    const schemas: Record<string, unknown> = { A0: { type: "object", properties: { p0: { type } } } };
    for (let index = 1; index < length; index++)
      schemas[`A${index}`] = {
        allOf: [{ $ref: `#/components/schemas/A${index - 1}` }, { properties: { [`p${index}`]: { type: "string" } } }],
      };
    return {
      openapi: "3.1.0",
      info: { title: "chain", version: "1" },
      paths: Object.fromEntries(
        Array.from({ length }, (_, index) => [
          `/a${index}`,
          {
            get: {
              responses: {
                "200": {
                  description: "ok",
                  content: { "application/json": { schema: { $ref: `#/components/schemas/A${index}` } } },
                },
              },
            },
          },
        ]),
      ),
      components: { schemas },
    } as OpenApiDocument;
  };

  test("over the step budget: a PipelineError of one line (exit 2 at the command line), not a hang or a stack", () => {
    const [base, revision] = [chain(200), chain(200, "integer")];
    let thrown: unknown;
    try {
      diffDocuments(base, revision, { stepsPerValue: 5, minimumSteps: 1000 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PipelineError);
    expect((thrown as PipelineError).kind).toBe("spec-unsafe");
    expect((thrown as Error).message).toMatch(/^comparing these documents would take more than \d+ steps/);
    expect((thrown as Error).message).not.toContain("\n");
    // Within the default budget the same pair is compared, its one change reported once.
    const report = diffDocuments(base, revision);
    expect(report.changes.filter((found) => found.level === "breaking")).toHaveLength(1);
  });

  test("over the time limit: the same one line", () => {
    const pair = manyChanges(5000);
    expect(() => diffDocuments(pair.base, pair.revision, { timeLimitMs: 0 })).toThrow(
      /^comparing these documents would take longer than its time limit/,
    );
  });
});
