import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { metricFields } from "../src/cli/usage/metric-fields.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { installConsumer, type PackedPackage, packPackage } from "./support/packed-package.js";
import { runProcess, runTsc } from "./support/run-process.js";

const CONSUMER = `import { createDevinClient, getUsageMetrics, type UsageMetrics, type paths } from "devin-v3-client";

const client = createDevinClient({ apiKey: "cog_consumer", baseUrl: process.argv[2] });
const metrics: UsageMetrics = await getUsageMetrics(client, { orgId: "org-abc", timeAfter: new Date("2026-11-01") });
const path: keyof paths = "/v3/organizations/{org_id}/metrics/usage";
console.log(JSON.stringify({ path, sessions: metrics.sessions_count }));
`;

/** A CommonJS consumer: TypeScript's `.cts` under module nodenext, compiled to `.cjs` and run. */
const CJS_CONSUMER = `import { createDevinClient, getUsageMetrics, DevinError, USER_AGENT } from "devin-v3-client";

const client = createDevinClient({ apiKey: "cog_consumer", baseUrl: process.argv[2] });
getUsageMetrics(client, { orgId: "org-cjs" }).then((metrics) => {
  console.log(JSON.stringify({ sessions: metrics.sessions_count, isError: new DevinError("x") instanceof Error, agent: USER_AGENT }));
});
`;

/**
 * Both builds in one process, as an application gets them when its code imports the
 * package and a dependency requires it: an error thrown by either is \`instanceof\` the
 * classes of both.
 */
const BOTH_BUILDS = `import { createRequire } from "node:module";
import * as esm from "devin-v3-client";
const cjs = createRequire(import.meta.url)("devin-v3-client");
const url = process.argv[2];
const thrownBy = (build) => build.getUsageMetrics(build.createDevinClient({ apiKey: "cog_both", baseUrl: url, maxRetries: 0 }), { orgId: "missing" }).catch((error) => error);
const answers = {};
for (const [name, build] of [["esm", esm], ["cjs", cjs]]) {
  const error = await thrownBy(build);
  answers[name] = {
    sameClassObjects: esm.NotFoundError === cjs.NotFoundError,
    esm: [error instanceof esm.NotFoundError, error instanceof esm.DevinApiError, error instanceof esm.DevinError, error instanceof esm.AuthenticationError],
    cjs: [error instanceof cjs.NotFoundError, error instanceof cjs.DevinApiError, error instanceof cjs.DevinError, error instanceof cjs.AuthenticationError],
  };
}
console.log(JSON.stringify(answers));
`;

let packed: PackedPackage;
let consumer: string;
let server: TestServer;

beforeAll(async () => {
  packed = await packPackage();
  consumer = packed.folder;
  await installConsumer(consumer, packed.tarball, { type: "module" });
  server = await startServer((request, response) =>
    request.url?.includes("/missing/")
      ? sendJson(response, 404, { detail: "no such organization" })
      : sendJson(response, 200, { sessions_count: 7, searches_count: 0, prs_created_count: 0, prs_merged_count: 0 }),
  );
});
afterAll(async () => {
  await server?.close();
  await packed?.remove();
});

test("the packed package installs, typechecks and runs in a consumer project", async () => {
  expect(packed.tarball).toMatch(/devin-v3-client-.*\.tgz$/);

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
  const { version } = JSON.parse(await readFile(join(packed.project.root, "package.json"), "utf8"));
  expect(server.requests[0]?.headers["user-agent"]).toBe(`devin-v3-client/${version}`);

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
  const printed = await runProcess(join(consumer, "node_modules", ".bin", "devin-usage"), ["--version"], {
    cwd: consumer,
  });
  expect(printed.stdout).toBe(`devin-usage ${version}\n`);
});

test("CommonJS: a .cts file under module nodenext compiles and runs, and require() finds the CommonJS build", async () => {
  await writeFile(join(consumer, "cjs-consumer.cts"), CJS_CONSUMER);
  await writeFile(join(consumer, "globals.d.ts"), "declare const process: { argv: string[] };\n");
  const compilerOptions = {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    skipLibCheck: false,
    lib: ["ES2023", "DOM"],
    types: [],
  };
  await writeFile(
    join(consumer, "tsconfig.cjs.json"),
    JSON.stringify({ compilerOptions, files: ["cjs-consumer.cts", "globals.d.ts"] }),
  );
  const compiled = await runTsc(consumer, ["-p", "tsconfig.cjs.json"]);
  expect(compiled.stdout).toBe("");
  expect(compiled.code).toBe(0);
  const run = await runProcess(process.execPath, ["cjs-consumer.cjs", server.url], { cwd: consumer });
  expect(run.stderr).toBe("");
  const { version } = JSON.parse(await readFile(join(packed.project.root, "package.json"), "utf8"));
  expect(JSON.parse(run.stdout)).toEqual({ sessions: 7, isError: true, agent: `devin-v3-client/${version}` });
  const resolved = await runProcess(process.execPath, ["-p", 'require.resolve("devin-v3-client")'], { cwd: consumer });
  expect(resolved.stdout.trim()).toMatch(/dist\/cjs\/src\/index\.js$/);
});

test("instanceof works across the ESM and the CommonJS build, for the error's own class and its bases only", async () => {
  await writeFile(join(consumer, "both-builds.mjs"), BOTH_BUILDS);
  const run = await runProcess(process.execPath, ["both-builds.mjs", server.url], { cwd: consumer });
  expect(run.stderr).toBe("");
  const answers = JSON.parse(run.stdout);
  for (const build of ["esm", "cjs"]) {
    expect(answers[build]).toEqual({
      sameClassObjects: false,
      esm: [true, true, true, false],
      cjs: [true, true, true, false],
    });
  }
});

test("the tarball holds the license, and every source map carries its sources", async () => {
  const listing = await runProcess("tar", ["tzf", packed.tarball]);
  const files = listing.stdout.split("\n").filter(Boolean);
  expect(files).toContain("package/LICENSE");
  expect(files.filter((file) => file.startsWith("package/src/"))).toEqual([]);
  const installed = join(consumer, "node_modules", "devin-v3-client", "dist");
  const maps = (await readdir(installed, { recursive: true })).filter((file) => file.endsWith(".map"));
  expect(maps.length).toBeGreaterThan(30);
  for (const map of maps) {
    const { sources, sourcesContent } = JSON.parse(await readFile(join(installed, map), "utf8"));
    expect(sourcesContent, map).toHaveLength(sources.length);
    for (const content of sourcesContent) expect(typeof content, map).toBe("string");
  }
});
