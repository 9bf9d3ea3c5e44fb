import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Real-world runs on large downloads are opt-in: `npm run test:slow`.
    exclude: ["test/slow/**", "**/node_modules/**"],
    // Type-level tests (*.test-d.ts) run through tsc as part of `vitest run`.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    // Sized for a busy 2-core machine, where a test that spawns compilers and servers can take
    // four times as long as on an idle one; a hang is still caught.
    testTimeout: 180_000,
    // Vitest's default is one worker fewer than the cores: on 2 cores, one file at a time.
    // Most files here wait on servers and child processes, so two at a time nearly halve the
    // suite's wall time there (189 s → 112 s, docs/benchmarks.md) at no cost on larger machines.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    hookTimeout: 240_000,
  },
});
