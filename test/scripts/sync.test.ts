import { readFile, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { repairPathParameters } from "../../scripts/lib/generate/repair-path-params.js";
import { SYNC_CHILD_ENV } from "../../scripts/lib/sync/run-sync.js";
import { main } from "../../scripts/sync.js";
import { changedFiles, gitProjectCopy } from "../support/git-project.js";
import type { TestServer } from "../support/http-server.js";
import type { ProjectCopy } from "../support/project-copy.js";
import { runMain } from "../support/run-main.js";
import { startSpecServer } from "../support/spec-server.js";
import { VENDORED_SPEC_TEXT, vendoredVariant } from "../support/spec-variants.js";

/** A real test run on the regenerated code, smaller than the whole suite. */
const TEST_COMMAND = `${process.execPath} node_modules/vitest/vitest.mjs run test/src/usage-metrics.e2e.test.ts`;

const NON_BREAKING = stringify(
  vendoredVariant((doc) => (doc.components.schemas.UsageMetrics.properties.acus_used = { type: "number" })),
);
const BREAKING = VENDORED_SPEC_TEXT.replaceAll("sessions_count", "session_total");

// sync runs the test suite, which holds this file: the inner run skips it.
describe.skipIf(process.env[SYNC_CHILD_ENV])("npm run sync", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSpecServer({
      "/same.yaml": { body: VENDORED_SPEC_TEXT },
      "/non-breaking.yaml": { body: NON_BREAKING },
      "/breaking.yaml": { body: BREAKING },
      "/swagger.yaml": { body: "swagger: '2.0'\npaths: {}\n" },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("in a temporary git copy of the project", () => {
    let project: ProjectCopy;
    const sync = (path: string, ...args: string[]) =>
      runMain(main, ["--root", project.root, "--url", `${server.url}${path}`, "--test-command", TEST_COMMAND, ...args]);

    beforeAll(async () => {
      project = await gitProjectCopy();
    });
    afterAll(async () => {
      await project?.remove();
    });

    test("the same spec: exit 0, nothing touched", async () => {
      const result = await sync("/same.yaml");
      expect(result.code).toBe(0);
      expect(result.stdout).toBe("The vendored spec is up to date with upstream.\n");
      expect(result.stderr).toMatch(
        /^sync: fetch …\nsync: fetch done in \d+\.\d s\nsync: the spec is unchanged; nothing to do\n$/,
      );
      expect(await changedFiles(project.root)).toEqual([]);
    });

    test("an invalid document: exit 2, nothing changed", async () => {
      const result = await sync("/swagger.yaml");
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/error: .*swagger\.yaml is a Swagger 2\.0 document/);
      expect(await changedFiles(project.root)).toEqual([]);
      // Not even the journal, which git ignores: nothing was started that a later sync should finish.
      await expect(stat(join(project.root, "spec", ".sync-in-progress.json"))).rejects.toThrow(/ENOENT/);
    });

    test("a non-breaking change: spec, lock and generated/ updated, exit 0, the report lists it", async () => {
      const report = join(project.root, "..", `${basename(project.root)}-report.md`);
      const result = await sync("/non-breaking.yaml", "--report", report);
      expect(result.stderr).toMatch(/sync: generate done in .*\n.*sync: typecheck done in .*\n.*sync: tests done in/s);
      expect(result.code).toBe(0);
      expect(await changedFiles(project.root)).toEqual([
        "CHANGELOG.md",
        "generated/devin-v3-schemas.ts",
        "generated/devin-v3.ts",
        "package-lock.json",
        "package.json",
        "spec/CHANGES.md",
        "spec/v3-openapi.lock.json",
        "spec/v3-openapi.yaml",
      ]);
      // An added field: a minor change, one place to the right below 1.0.0.
      const manifest = JSON.parse(await readFile(join(project.root, "package.json"), "utf8"));
      expect(manifest.version).toBe("0.1.1");
      const lock = JSON.parse(await readFile(join(project.root, "package-lock.json"), "utf8"));
      expect([lock.version, lock.packages[""].version]).toEqual(["0.1.1", "0.1.1"]);
      const changelog = await readFile(join(project.root, "CHANGELOG.md"), "utf8");
      expect(changelog).toMatch(
        /^# Changelog\n\n## 0\.1\.1 \(\d{4}-\d{2}-\d{2}\)\n\nRegenerated from the published spec, 0\.1\.0 → 0\.1\.1 \(patch: operations, fields or values were added; below 1\.0\.0 a minor change moves the patch number\)/,
      );
      expect(changelog).toContain("property `acus_used` added (optional)");
      expect(await readFile(join(project.root, "spec", "CHANGES.md"), "utf8")).toContain(
        "`response-optional-property-added`",
      );
      const text = await readFile(report, "utf8");
      expect(text).toContain("`response-optional-property-added`");
      expect(text).toContain("property `acus_used` added (optional)");
      expect(text).toContain("- typecheck (`tsc --noEmit`): passes");
      expect(text).toMatch(/^- tests: pass, [1-9]\d* passed, 0 failed, \d+ skipped \(of \d+\)$/m);
      // The title's part is the one that moved; the body says why it is not the drift's.
      expect(text).toContain("- `0.1.0` → `0.1.1`: **patch**.");
      expect(text).toContain("The drift asks for a minor release");
      // Every repair the document needed, named where it was made (derived from the document, which upstream owns).
      const { repairs } = repairPathParameters(parse(NON_BREAKING));
      expect(text).toContain("## Repairs the new document needed");
      for (const repair of repairs) expect(text).toContain(`\`${repair.method.toUpperCase()} ${repair.path}\``);
      expect(await readFile(join(project.root, "generated", "devin-v3.ts"), "utf8")).toContain("acus_used?: number;");
      await rm(report);
    });

    test("a breaking change the wrapper uses: exit 1, the report names the drift and the compile error; the update stays", async () => {
      const result = await sync("/breaking.yaml");
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("`response-required-property-removed`");
      expect(result.stdout).toContain("- typecheck (`tsc --noEmit`): **fails**");
      expect(result.stdout).toContain("- tests: not run (the code does not compile)");
      expect(result.stdout).toMatch(
        /- `GET \/v3\/organizations\/\{org_id\}\/metrics\/usage`: response 200 \(application\/json\): property `sessions_count` removed \(it was required\) \(`response-required-property-removed`\) → `test\/[^`]+\.ts:\d+` no longer compiles: TS\d+ .*'sessions_count'/,
      );
      expect(await readFile(join(project.root, "spec", "v3-openapi.yaml"), "utf8")).toBe(BREAKING);
      expect(await readFile(join(project.root, "generated", "devin-v3.ts"), "utf8")).toContain(
        "session_total: number;",
      );
    });
  });
});
