import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SYNC_CHILD_ENV } from "../../scripts/lib/sync/run-sync.js";
import { BREAKING_CASES, changeCaseSyncs, USED_BY_THE_WRAPPER } from "../support/change-case-syncs.js";

/**
 * Each breaking case that reaches nothing the wrapper or the command line uses: sync runs the
 * tests (no compile error stops it) and exits 0. Opt-in (`npm run test:slow`): each runs the
 * client's tests, about 25 s a case.
 */
describe.skipIf(process.env[SYNC_CHILD_ENV])("a breaking change to what nothing here uses merges green", () => {
  let syncs: Awaited<ReturnType<typeof changeCaseSyncs>>;
  beforeAll(async () => {
    syncs = await changeCaseSyncs();
  });
  afterAll(async () => {
    await syncs?.close();
  });

  const cases = BREAKING_CASES.map(([name]) => name).filter((name) => !USED_BY_THE_WRAPPER.has(name));
  test.each(cases)("%s: sync exits 0", async (name) => {
    const result = await syncs.sync(name);
    expect(result.code, result.stdout.slice(0, 3000)).toBe(0);
  });
});
