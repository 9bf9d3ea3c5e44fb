import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { copyProject, type ProjectCopy } from "../support/project-copy.js";
import { runScript, runTsc } from "../support/run-process.js";

const CONSUMER = `import { createDevinClient, getUsageMetrics } from "./src/index.js";
const client = createDevinClient({ apiKey: "cog_example" });
const metrics = await getUsageMetrics(client, { orgId: "org-abc" });
export const sessions: number = metrics.sessions_count;
`;

let project: ProjectCopy;
beforeAll(async () => {
  project = await copyProject();
  await writeFile(join(project.root, "consumer.ts"), CONSUMER);
  await writeFile(
    join(project.root, "tsconfig.consumer.json"),
    JSON.stringify({ extends: "./tsconfig.json", include: ["consumer.ts"] }),
  );
});
afterAll(async () => {
  await project.remove();
});

test("renaming a UsageMetrics field in the spec breaks a consumer of the old field after regeneration", async () => {
  const before = await runTsc(project.root, ["--noEmit", "-p", "tsconfig.consumer.json"]);
  expect(before.stdout).toBe("");
  expect(before.code).toBe(0);

  const specFile = join(project.root, "spec", "v3-openapi.yaml");
  const spec = await readFile(specFile, "utf8");
  const renamed = spec.replaceAll("sessions_count", "session_total");
  expect(renamed).not.toBe(spec);
  await writeFile(specFile, renamed);
  const generated = await runScript(project.root, "generate.ts");
  expect(generated.code).toBe(0);
  expect(generated.stdout).toContain("wrote generated/devin-v3.ts");

  const after = await runTsc(project.root, ["--noEmit", "-p", "tsconfig.consumer.json"]);
  expect(after.code).not.toBe(0);
  expect(after.stdout).toMatch(/consumer\.ts\(4,\d+\): error TS2339: Property 'sessions_count' does not exist on type/);
});
