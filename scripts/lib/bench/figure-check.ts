import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { runStep } from "../util/run-step.js";
import { type BenchContext, type Figure, seconds } from "./figure.js";
import { compareProcesses } from "./measure.js";

/**
 * Offline `npm run check` on the Devin spec against `openapi-typescript --check` on the
 * same spec (its own output, so both find nothing to report), both through `npm run`.
 */
export async function measureCheck(context: BenchContext): Promise<Figure> {
  await mkdir(context.cacheDir, { recursive: true });
  const baselineOutput = join(context.cacheDir, "devin-raw.ts");
  const cli = join(context.root, "node_modules", "openapi-typescript", "bin", "cli.js");
  const prepared = await runStep([process.execPath, cli, "spec/v3-openapi.yaml", "-o", baselineOutput], context.root);
  if (!prepared.ok) throw new Error(`openapi-typescript failed:\n${prepared.output}`);
  const result = await compareProcesses(
    { command: ["npm", "run", "--silent", "check"] },
    { command: ["npm", "run", "--silent", "bench:baseline:check"] },
    { cwd: context.root, runs: context.quick ? 5 : 11 },
  );
  const ratio = result.ours.ms / result.baseline.ms;
  return {
    measured: "offline `npm run check`, Devin spec (whole process)",
    ours: seconds(result.ours.ms),
    baseline: `${seconds(result.baseline.ms)} (openapi-typescript --check)`,
    ratio,
    goal: "≤ 0.5×",
    met: ratio <= 0.5,
  };
}
