import { appendFile, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { copyProject, type ProjectCopy } from "../support/project-copy.js";
import { runScript } from "../support/run-process.js";

/** The files a test may break, restored before each test from the pristine copy. */
const TRACKED = [
  "spec/v3-openapi.yaml",
  "spec/v3-openapi.lock.json",
  "generated/devin-v3.ts",
  "generated/devin-v3-schemas.ts",
  "scripts/lib/generate/schemas.ts",
  "scripts/lib/document/model.ts",
];

describe("npm run check (offline drift gate)", () => {
  let project: ProjectCopy;
  const pristine = new Map<string, string>();
  const file = (relative: string) => join(project.root, relative);

  beforeAll(async () => {
    project = await copyProject();
    for (const relative of TRACKED) pristine.set(relative, await readFile(file(relative), "utf8"));
  });
  afterAll(async () => {
    await project.remove();
  });
  beforeEach(async () => {
    for (const [relative, text] of pristine) await writeFile(file(relative), text);
  });

  test.each([[[]], [["--full"]]])("current project: exit 0 (%j)", async (args) => {
    const result = await runScript(project.root, "check.ts", args);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("generated/ is up to date");
  });

  test("a hand edit of generated/ fails with a diff and the fix", async () => {
    const typesFile = file("generated/devin-v3.ts");
    await writeFile(
      typesFile,
      (await readFile(typesFile, "utf8")).replace("sessions_count: number;", "sessions_count: string;"),
    );
    const result = await runScript(project.root, "check.ts");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("--- generated/devin-v3.ts (committed)");
    expect(result.stdout).toMatch(/-\s+sessions_count: string;\n\+\s+sessions_count: number;/);
    expect(result.stderr).toContain(
      "generated/devin-v3.ts is not what spec/v3-openapi.yaml generates; run `npm run generate`",
    );
  });

  test("a missing generated file fails cleanly, without a stack trace", async () => {
    await rm(file("generated/devin-v3-schemas.ts"));
    const result = await runScript(project.root, "check.ts");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("generated/devin-v3-schemas.ts is missing; run `npm run generate`");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test("an edited spec fails (lock and generated files both disagree), and restoring it passes", async () => {
    // A description added to the first component schema, whatever the document holds and however it is written.
    const spec = parse(pristine.get("spec/v3-openapi.yaml") ?? "");
    const [name] = Object.keys(spec.components.schemas);
    spec.components.schemas[name as string].description = "edited by hand";
    await writeFile(file("spec/v3-openapi.yaml"), stringify(spec));
    const edited = await runScript(project.root, "check.ts");
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain("is not the document spec/v3-openapi.lock.json records");
    expect(edited.stderr).toContain("generated/devin-v3.ts is not what spec/v3-openapi.yaml generates");
    expect(edited.stdout).toMatch(/^\+.*@description edited by hand/m);

    await writeFile(file("spec/v3-openapi.yaml"), pristine.get("spec/v3-openapi.yaml") ?? "");
    expect((await runScript(project.root, "check.ts")).code).toBe(0);
  });

  test("a lock that disagrees with the spec fails even when generated/ is current", async () => {
    await writeFile(file("spec/v3-openapi.lock.json"), JSON.stringify({ source: "x", sha256: "0".repeat(64) }));
    const result = await runScript(project.root, "check.ts");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the spec was edited by hand");
  });

  test.each(["scripts/lib/generate/schemas.ts", "scripts/lib/document/model.ts"])(
    "a change to %s, which generation runs, makes generated/ stale for the fast check",
    async (source) => {
      await appendFile(file(source), "\n// a change\n");
      const result = await runScript(project.root, "check.ts");
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("generator:");
    },
  );

  test("a malformed lock is one error, the same for every command that reads it", async () => {
    await writeFile(file("spec/v3-openapi.lock.json"), "{ not json");
    const lines = [];
    for (const [script, args] of [
      ["check.ts", []],
      ["generate.ts", []],
      ["spec-fetch.ts", ["--file", file("spec/v3-openapi.yaml")]],
    ] as const) {
      const result = await runScript(project.root, script, args);
      expect(result.code, script).toBe(2);
      lines.push(result.stderr.split("\n").find((line) => line.startsWith("error: ")));
    }
    expect(new Set(lines)).toEqual(
      new Set([expect.stringMatching(/is not a valid lock \(expected \{"source", "sha256"\}\)/)]),
    );
  });

  test("removing `get` from the HTTP methods the document model knows is noticed without --full", async () => {
    const model = file("scripts/lib/document/model.ts");
    await writeFile(model, (await readFile(model, "utf8")).replace('["get", ', "["));
    const result = await runScript(project.root, "check.ts");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("generated/devin-v3.ts is not what spec/v3-openapi.yaml generates");
  });

  test.each([
    ["unparseable", "openapi: [3.1\n", /^error: spec\/v3-openapi\.yaml is not valid YAML: .+\n$/],
    [
      "not OpenAPI 3",
      "openapi: 2.5.0\npaths: {}\n",
      /^error: spec\/v3-openapi\.yaml is OpenAPI 2\.5\.0; only 3\.0\.x and 3\.1\.x are supported\n$/,
    ],
    [
      "structurally invalid, and so not vouched for by the lock",
      "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      responses: 5\n",
      /^error: spec\/v3-openapi\.yaml is not a valid OpenAPI document: .* at #\/paths\/~1a\/get\/responses\n$/,
    ],
  ])("a broken spec (%s): exit 2 with a one-line reason", async (_name, text, message) => {
    await writeFile(file("spec/v3-openapi.yaml"), text);
    const result = await runScript(project.root, "check.ts");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  test("a missing spec: exit 2", async () => {
    await rm(file("spec/v3-openapi.yaml"));
    const result = await runScript(project.root, "check.ts");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: spec .*v3-openapi\.yaml does not exist\n$/);
  });
});
