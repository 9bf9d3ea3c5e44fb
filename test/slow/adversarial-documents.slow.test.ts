import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { largestAdversarialPairs } from "../../scripts/lib/bench/adversarial-documents.js";
import { diffDocuments } from "../../scripts/lib/diff/diff-documents.js";
import { formatGithub } from "../../scripts/lib/diff/report/github.js";
import { formatJson } from "../../scripts/lib/diff/report/json.js";
import { formatMarkdown } from "../../scripts/lib/diff/report/markdown.js";
import { formatText } from "../../scripts/lib/diff/report/text.js";
import { WorkCounter } from "../../scripts/lib/diff/work.js";
import type { OpenApiDocument } from "../../scripts/lib/document/model.js";
import { main } from "../../scripts/spec-diff.js";
import { runMain } from "../support/run-main.js";

/**
 * The sizes of the issue that found the differ unbounded (allOf fan-out 14 deep, a 24-deep
 * reference DAG, 5 000 operations sharing a schema that gains 5 000, 60 000 changes in one
 * operation, …): each is compared and reported in every format within a small multiple of
 * its size in steps and bytes. Counts only; `npm run bench` has the times.
 */
describe.each(largestAdversarialPairs().map((pair) => [pair.name, pair] as const))("%s", (_name, pair) => {
  test("compared and reported in every format within a small multiple of its size", () => {
    const work = new WorkCounter([pair.base, pair.revision]);
    const report = diffDocuments(pair.base, pair.revision, { work });
    expect(work.steps).toBeLessThanOrEqual(12 * work.documentValues);
    const input = JSON.stringify(pair.base).length + JSON.stringify(pair.revision).length;
    for (const output of [formatText(report), formatJson(report), formatMarkdown(report), formatGithub(report)])
      expect(output.length).toBeLessThanOrEqual(10 * input);
  });
});

describe("npm run spec:diff on a pair that would exceed its budget", () => {
  let dir: string;
  /** allOf inheritance 5 000 long, each schema adding a property: merged views quadratic in the length. */
  const chain = (type: string): OpenApiDocument => {
    const length = 5000;
    const schemas: Record<string, unknown> = { A0: { type: "object", properties: { p0: { type } } } };
    const paths: Record<string, unknown> = {};
    for (let index = 1; index < length; index++) {
      schemas[`A${index}`] = {
        allOf: [{ $ref: `#/components/schemas/A${index - 1}` }, { properties: { [`p${index}`]: { type: "string" } } }],
      };
      paths[`/a${index}`] = {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: `#/components/schemas/A${index}` } } },
            },
          },
        },
      };
    }
    return { openapi: "3.1.0", info: { title: "chain", version: "1" }, paths, components: { schemas } } as never;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "spec-diff-budget-"));
    await writeFile(join(dir, "base.json"), JSON.stringify(chain("string")));
    await writeFile(join(dir, "revision.json"), JSON.stringify(chain("integer")));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("exit 2 with one line, no stack", async () => {
    const result = await runMain(main, ["--base", join(dir, "base.json"), "--file", join(dir, "revision.json")]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: comparing these documents would take more than \d+ steps .*\n$/);
  });
});
