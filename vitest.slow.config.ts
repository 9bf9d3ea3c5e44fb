import { defineConfig } from "vitest/config";

/** Opt-in runs: real-world data (GitHub's 13 MB description) and the long sweeps: `npm run test:slow`. */
export default defineConfig({
  test: { include: ["test/slow/**/*.slow.test.ts"], testTimeout: 300_000, hookTimeout: 300_000 },
});
