import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CHANGE_CASES } from "../fixtures/change-cases.js";
import { changeCaseSyncs } from "../support/change-case-syncs.js";

/**
 * Each info and warning change case on its own through `sync` (the fast suite applies them
 * all at once, where two cases can cancel out): each must merge green. Opt-in
 * (`npm run test:slow`): each runs the client's tests, about 25 s a case.
 */
describe("each benign upstream change, on its own, merges green", () => {
  let syncs: Awaited<ReturnType<typeof changeCaseSyncs>>;
  beforeAll(async () => {
    syncs = await changeCaseSyncs();
  });
  afterAll(async () => {
    await syncs?.close();
  });

  const cases = CHANGE_CASES.filter(([, change]) => change.want.level !== "breaking").map(([name]) => name);
  test.each(cases)("%s: sync exits 0", async (name) => {
    const result = await syncs.sync(name);
    expect(result.code, result.stdout.slice(0, 3000)).toBe(0);
  });
});
