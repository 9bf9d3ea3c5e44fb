import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SYNC_CHILD_ENV } from "../../scripts/lib/sync/run-sync.js";
import { BREAKING_CASES, changeCaseSyncs, USED_BY_THE_WRAPPER } from "../support/change-case-syncs.js";

/** Each breaking case that reaches what is used: the regenerated client no longer compiles or passes, exit 1. */
describe.skipIf(process.env[SYNC_CHILD_ENV])(
  "a breaking change to what the wrapper or the command line uses turns sync red",
  () => {
    let syncs: Awaited<ReturnType<typeof changeCaseSyncs>>;
    beforeAll(async () => {
      syncs = await changeCaseSyncs();
    });
    afterAll(async () => {
      await syncs?.close();
    });

    const cases = BREAKING_CASES.map(([name]) => name).filter((name) => USED_BY_THE_WRAPPER.has(name));
    test.each(cases)("%s: sync exits 1", async (name) => {
      const result = await syncs.sync(name);
      expect(result.code, result.stdout.slice(0, 3000)).toBe(1);
    });
  },
);
