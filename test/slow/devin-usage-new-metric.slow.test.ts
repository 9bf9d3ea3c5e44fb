import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { main as generateMain } from "../../scripts/generate.js";
import { ACTING_IN_LINES } from "../support/acting-characters.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";
import { parseOpenMetrics } from "../support/openmetrics-parser.js";
import { copyProject, type ProjectCopy } from "../support/project-copy.js";
import { runMain } from "../support/run-main.js";
import { runProcess, runTsc } from "../support/run-process.js";
import { specMetricFields } from "../support/spec-metrics.js";

/**
 * Upstream adds metrics to `UsageMetrics`: the command shows them in every format, and
 * every test of the command stays green, because the tests read the metrics from the spec
 * they run on instead of pinning four of them. Each case regenerates a copy of the
 * project with the new metrics, runs the command's whole test folder there, and runs the
 * copy's command against a server that answers the new metrics too.
 */
const CASES: [string, Record<string, Record<string, unknown>>][] = [
  ["an optional integer acus_consumed", { acus_consumed: { title: "ACUs Consumed", type: "integer" } }],
  [
    "names in other scripts and hostile ones",
    {
      会话数: { type: "integer" },
      "\u001b]0;pwned\u0007\u001b[2J": { type: "integer" },
      '=HYPERLINK("http://evil.example","x")': { type: "integer" },
      "@SUM(A1:A2)": { type: "number" },
      "<img src=x onerror=alert(1)>": { type: "integer" },
      from: { type: "integer" },
      optional_nullable_count: { anyOf: [{ type: "integer" }, { type: "null" }] },
    },
  ],
  [
    "names of Object.prototype's members, of other types too",
    {
      toString: { type: "object", properties: { text: { type: "string" } } },
      valueOf: { type: "integer" },
      constructor: { type: "integer" },
      hasOwnProperty: { type: "boolean" },
    },
  ],
];

const KEY = "cog_new-metric-test";

describe.each(CASES)("upstream adds %s", (_name, added) => {
  let project: ProjectCopy;
  let server: TestServer;
  let fields: string[];
  const cli = (args: string[]) =>
    runProcess(process.execPath, ["--import", "tsx", join(project.root, "src", "cli", "devin-usage.ts"), ...args], {
      cwd: project.root,
      env: { DEVIN_API_KEY: KEY, DEVIN_ORG_ID: "org-abc", DEVIN_API_BASE_URL: server.url, DEBUG: "", COLUMNS: "" },
    });

  beforeAll(async () => {
    project = await copyProject(["test", "vitest.config.ts", "vitest.slow.config.ts"]);
    const specFile = join(project.root, "spec", "v3-openapi.yaml");
    const spec = parse(await readFile(specFile, "utf8"));
    // Defined, not assigned: `toString` and `constructor` must become properties like any other name.
    for (const [name, schema] of Object.entries(added))
      Object.defineProperty(spec.components.schemas.UsageMetrics.properties, name, {
        value: schema,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    await writeFile(specFile, stringify(spec));
    const generated = await runMain(generateMain, ["--root", project.root]);
    expect(generated.code, generated.stderr).toBe(0);
    fields = specMetricFields(project.root);
    server = await startServer((_request, response) =>
      sendJson(response, 200, Object.fromEntries(fields.map((field, index) => [field, index + 1]))),
    );
  });
  afterAll(async () => {
    await server?.close();
    await project?.remove();
  });

  test("the spec now has the new numeric metrics", () => {
    const numeric = Object.entries(added)
      .filter(([, schema]) => JSON.stringify(schema).match(/"(integer|number)"/) && !("properties" in schema))
      .map(([name]) => name);
    expect(fields).toEqual(expect.arrayContaining(numeric));
  });

  test("the regenerated project typechecks, its tests included", async () => {
    const result = await runTsc(project.root);
    expect(result.code, result.stdout.slice(0, 3000)).toBe(0);
  });

  test("every test of the command passes in the regenerated project", async () => {
    const result = await runProcess(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "test/src/cli"], {
      cwd: project.root,
      timeoutMs: 280_000,
    });
    // The failing tests and their assertions first: the whole log is long.
    const failures = result.stdout.split("\n").filter((line) => /×|FAIL|Error|Expected|Received/.test(line));
    expect(result.code, `${failures.join("\n").slice(0, 6000)}\n${result.stderr.slice(-2000)}`).toBe(0);
  });

  const range = ["--since", "2026-11-01", "--until", "2026-11-03", "--interval", "day"];

  test("json and ndjson: a key for each new metric, with its value", async () => {
    for (const format of ["json", "ndjson"]) {
      const result = await cli([...range, "--format", format]);
      expect(result.code).toBe(0);
      expect(result.stdout.replaceAll("\n", "")).not.toMatch(ACTING_IN_LINES);
      const records =
        format === "json"
          ? JSON.parse(result.stdout)
          : result.stdout
              .trimEnd()
              .split("\n")
              .map((line) => JSON.parse(line));
      expect(records).toHaveLength(2);
      for (const field of Object.keys(added).filter((name) => fields.includes(name))) {
        // A metric called `from` cannot take the window's key: it is written beside it.
        const key = field === "from" ? "from (2)" : field;
        expect(records[0][key]).toBe(fields.indexOf(field) + 1);
      }
    }
  });

  test("csv: a column for each new metric, no cell a formula, nothing that acts on a terminal", async () => {
    const result = await cli([...range, "--format", "csv"]);
    expect(result.code).toBe(0);
    const [header, first] = result.stdout.split("\r\n");
    expect(result.stdout.replaceAll("\r\n", "")).not.toMatch(ACTING_IN_LINES);
    expect(header).not.toMatch(/(^|,)"?[=+\-@]/);
    expect(first?.split(",").slice(2)).toEqual(fields.map((_, index) => String(index + 1)));
  });

  test("table: a column and a sparkline for each new metric, escaped", async () => {
    const result = await cli([...range, "--format", "table"]);
    expect(result.code).toBe(0);
    expect(result.stdout.replaceAll("\n", "")).not.toMatch(ACTING_IN_LINES);
    const sparklines = result.stdout.split("\n").filter((line) => / {2}[▁▂▃▄▅▆▇█]{2}$/.test(line));
    expect(sparklines).toHaveLength(fields.length);
    if ("acus_consumed" in added) expect(result.stdout).toMatch(/^from +to +.*acus consumed/);
  });

  test("openmetrics: a valid exposition with a gauge for each new metric", async () => {
    const result = await cli([...range, "--format", "openmetrics"]);
    expect(result.code).toBe(0);
    const families = parseOpenMetrics(result.stdout);
    expect(families).toHaveLength(fields.length);
    for (const family of families) expect(family.samples).toHaveLength(2);
    if ("acus_consumed" in added)
      expect(families.find((family) => family.name === "devin_usage_acus_consumed")?.samples[0]?.value).toBe(
        fields.indexOf("acus_consumed") + 1,
      );
  });

  test("html: a chart for each new metric, every name escaped", async () => {
    const result = await cli([...range, "--format", "html"]);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/<svg /g)).toHaveLength(fields.length);
    expect(result.stdout).not.toMatch(/<img|<script/);
    if ("acus_consumed" in added) expect(result.stdout).toContain("<figcaption>acus consumed");
  });
});
