import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Real-world runs on large downloads are opt-in: `npm run test:github`.
    exclude: ["test/slow/**", "**/node_modules/**"],
    // Type-level tests (*.test-d.ts) run through tsc as part of `vitest run`.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
