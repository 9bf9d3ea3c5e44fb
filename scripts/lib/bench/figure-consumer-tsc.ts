import { mkdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { runStep } from "../util/run-step.js";
import { type BenchContext, type Figure, seconds } from "./figure.js";
import { compareProcesses } from "./measure.js";

/**
 * `tsc --noEmit` of a consumer that imports the client, against the same consumer written
 * with openapi-fetch directly over the same generated types. Both are compiled by this
 * project's TypeScript, through `npx tsc`, alternately.
 */
export async function measureConsumerTsc(context: BenchContext): Promise<Figure> {
  const folder = join(context.cacheDir, "consumer");
  await mkdir(folder, { recursive: true });
  // A consumer compiles against the published declarations, not our sources: build them.
  const tsc = join(context.root, "node_modules", "typescript", "bin", "tsc");
  const dist = join(context.cacheDir, "dist");
  const built = await runStep([process.execPath, tsc, "-p", "tsconfig.build.json", "--outDir", dist], context.root);
  if (!built.ok) throw new Error(`could not build the package:\n${built.output}`);
  const fromHere = (path: string) => relative(folder, join(dist, path)).replaceAll("\\", "/");
  const compilerOptions = {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    lib: ["ES2023", "DOM", "DOM.Iterable"],
    types: [],
  };
  await writeFile(
    join(folder, "ours.ts"),
    `import { createDevinClient, getUsageMetrics } from "${fromHere("src/index.js")}";
const client = createDevinClient({ apiKey: "cog_x" });
const metrics = await getUsageMetrics(client, { orgId: "org-abc", timeAfter: new Date("2026-11-01") });
export const total: number = metrics.sessions_count + metrics.prs_merged_count;
`,
  );
  await writeFile(
    join(folder, "direct.ts"),
    `import createClient from "openapi-fetch";
import type { paths } from "${fromHere("generated/devin-v3.js")}";
const client = createClient<paths>({ baseUrl: "https://api.devin.ai", headers: { Authorization: "Bearer cog_x" } });
const { data } = await client.GET("/v3/organizations/{org_id}/metrics/usage", {
  params: { path: { org_id: "org-abc" }, query: { time_after: Math.floor(Date.parse("2026-11-01") / 1000) } },
});
export const total: number = (data?.sessions_count ?? 0) + (data?.prs_merged_count ?? 0);
`,
  );
  for (const name of ["ours", "direct"]) {
    await writeFile(
      join(folder, `tsconfig.${name}.json`),
      JSON.stringify({ compilerOptions, files: [`${name}.ts`] }, null, 2),
    );
  }
  const result = await compareProcesses(
    { command: [process.execPath, tsc, "-p", "tsconfig.ours.json"] },
    { command: [process.execPath, tsc, "-p", "tsconfig.direct.json"] },
    { cwd: folder, runs: context.quick ? 3 : 7 },
  );
  const ratio = result.ours.ms / result.baseline.ms;
  return {
    measured: "`tsc --noEmit` of a consumer importing the client",
    ours: seconds(result.ours.ms),
    baseline: `${seconds(result.baseline.ms)} (same consumer on openapi-fetch directly)`,
    ratio,
    goal: "≤ 1.1×",
    met: ratio <= 1.1,
  };
}
