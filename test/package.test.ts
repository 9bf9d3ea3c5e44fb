import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { metricFields } from "../src/cli/usage/metric-fields.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { copyProject, type ProjectCopy } from "./support/project-copy.js";
import { runProcess, runTsc } from "./support/run-process.js";

const CONSUMER = `import { createDevinClient, getUsageMetrics, type UsageMetrics, type paths } from "devin-v3-client";

const client = createDevinClient({ apiKey: "cog_consumer", baseUrl: process.argv[2] });
const metrics: UsageMetrics = await getUsageMetrics(client, { orgId: "org-abc", timeAfter: new Date("2026-11-01") });
const path: keyof paths = "/v3/organizations/{org_id}/metrics/usage";
console.log(JSON.stringify({ path, sessions: metrics.sessions_count }));
`;

let project: ProjectCopy;
let consumer: string;
let server: TestServer;

beforeAll(async () => {
  project = await copyProject(["tsconfig.build.json", "README.md"]);
  consumer = await mkdtemp(join(tmpdir(), "devin-v3-consumer-"));
  server = await startServer((_request, response) =>
    sendJson(response, 200, { sessions_count: 7, searches_count: 0, prs_created_count: 0, prs_merged_count: 0 }),
  );
});
afterAll(async () => {
  await server?.close();
  await project?.remove();
  if (consumer) await rm(consumer, { recursive: true, force: true });
});

test("the packed package installs, typechecks and runs in a consumer project", async () => {
  const build = await runTsc(project.root, ["-p", "tsconfig.build.json"]);
  expect(build.stdout).toBe("");
  expect(build.code).toBe(0);

  const pack = await runProcess("npm", ["pack", "--silent", "--pack-destination", consumer], { cwd: project.root });
  expect(pack.code).toBe(0);
  const tarball = (await readdir(consumer)).find((name) => name.endsWith(".tgz"));
  expect(tarball).toMatch(/^devin-v3-client-.*\.tgz$/);

  await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const install = await runProcess(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", `./${tarball}`],
    { cwd: consumer, timeoutMs: 120_000 },
  );
  expect(install.stderr).not.toMatch(/ERR!/);
  expect(install.code).toBe(0);

  await writeFile(join(consumer, "consumer.ts"), CONSUMER);
  await writeFile(
    join(consumer, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        skipLibCheck: false,
        lib: ["ES2023", "DOM"],
        types: [],
      },
      files: ["consumer.ts", "globals.d.ts"],
    }),
  );
  // `process` is the only Node global the consumer uses; declared here so the package's own
  // declarations are checked without @types/node (skipLibCheck is off).
  await writeFile(join(consumer, "globals.d.ts"), "declare const process: { argv: string[] };\n");
  const compiled = await runTsc(consumer, ["-p", "."]);
  expect(compiled.stdout).toBe("");
  expect(compiled.code).toBe(0);

  const run = await runProcess(process.execPath, ["consumer.js", server.url], { cwd: consumer });
  expect(run.stderr).toBe("");
  expect(JSON.parse(run.stdout)).toEqual({ path: "/v3/organizations/{org_id}/metrics/usage", sessions: 7 });
  expect(server.requests[0]?.url).toBe("/v3/organizations/org-abc/metrics/usage?time_after=1793491200");

  // The `devin-usage` bin, as an installed user runs it.
  const bin = await runProcess(
    join(consumer, "node_modules", ".bin", "devin-usage"),
    ["--since", "2026-11-01", "--until", "2026-11-02", "--format", "json"],
    { cwd: consumer, env: { DEVIN_API_KEY: "cog_consumer", DEVIN_ORG_ID: "org-bin", DEVIN_API_BASE_URL: server.url } },
  );
  expect(bin.stderr).toBe("");
  // One row per window, with a column for every numeric field of the spec (those the server did not send are null).
  const rows = JSON.parse(bin.stdout);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toEqual({
    from: "2026-11-01T00:00:00Z",
    to: "2026-11-02T00:00:00Z",
    ...Object.fromEntries(metricFields().map((field) => [field, null])),
    prs_created_count: 0,
    prs_merged_count: 0,
    searches_count: 0,
    sessions_count: 7,
  });
  expect(server.requests[1]?.url).toBe(
    "/v3/organizations/org-bin/metrics/usage?time_after=1793491200&time_before=1793577600",
  );
  // The installed bin finds its own package.json (three levels above dist/src/cli/).
  const version = await runProcess(join(consumer, "node_modules", ".bin", "devin-usage"), ["--version"], {
    cwd: consumer,
  });
  expect(version.stdout).toBe(
    `devin-usage ${JSON.parse(await readFile(join(project.root, "package.json"), "utf8")).version}\n`,
  );
});
