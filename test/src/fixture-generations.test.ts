import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { FIXTURE_GENERATIONS, generateFixture } from "../support/fixture-generations.js";

test.each(FIXTURE_GENERATIONS)(
  "the committed generation of $spec is what the pipeline generates from it",
  async (fixture) => {
    for (const file of await generateFixture(fixture)) {
      const committed = await readFile(file.path, "utf8").catch(() => "(missing)");
      // On failure: npx tsx test/support/write-fixture-generations.ts
      expect(committed, file.path).toBe(file.content);
    }
  },
);
