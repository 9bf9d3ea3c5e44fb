import { defineConfig } from "vitest/config";

/** Opt-in runs on real-world data (GitHub's 13 MB description): `npm run test:github`. */
export default defineConfig({
  test: { include: ["test/slow/**/*.slow.test.ts"], testTimeout: 300_000, hookTimeout: 300_000 },
});
