import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { stringify } from "yaml";
import { main } from "../../scripts/spec-diff.js";
import { CHANGE_CASES } from "../fixtures/change-cases.js";
import { successSchemaOf } from "../support/breaking-changes.js";
import type { TestServer } from "../support/http-server.js";
import { REPO_ROOT } from "../support/project-copy.js";
import { runMain } from "../support/run-main.js";
import { runScript } from "../support/run-process.js";
import { BAD_SOURCES, type Route, startSpecServer } from "../support/spec-server.js";
import {
  type Doc,
  reverseKeys,
  VENDORED_SPEC_TEXT,
  variant,
  vendoredSpec,
  vendoredVariant,
} from "../support/spec-variants.js";

/** Two properties of the wrapped operation's success schema, as vendored (whatever upstream named them). */
const LOOSE_PROPERTIES = (doc: Doc): Doc[] => Object.values(successSchemaOf(doc)?.properties ?? {}).slice(0, 2);

const COMMANDS = { breaking: "error", warning: "warning", info: "notice" } as const;

const routes: Record<string, Route> = {
  "/identical.yaml": { body: VENDORED_SPEC_TEXT },
  "/reordered.json": {
    body: JSON.stringify(reverseKeys(vendoredSpec()), null, 4),
    headers: { "content-type": "application/json" },
  },
  // Unknown keywords in a schema: what the gate lets through with a warning, one per place.
  "/loose.yaml": {
    body: stringify(
      vendoredVariant((doc) => {
        for (const property of LOOSE_PROPERTIES(doc)) property.min_items = 1;
      }),
    ),
  },
  "/requoted.yaml": {
    body: `# a comment\n${stringify(vendoredSpec(), { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" })}`,
  },
  ...Object.fromEntries(BAD_SOURCES.map(([name, route]) => [`/bad/${encodeURIComponent(name)}`, route])),
};
CHANGE_CASES.forEach(([, { setup, edit }], index) => {
  routes[`/case-${index}.yaml`] = {
    body: stringify(
      variant((doc) => {
        setup?.(doc);
        edit(doc);
      }),
    ),
  };
});

let server: TestServer;
let dir: string;
const baseFile = (index: number) => join(dir, `base-${index}.yaml`);

beforeAll(async () => {
  server = await startSpecServer(routes);
  dir = await mkdtemp(join(tmpdir(), "spec-diff-"));
  await Promise.all(
    CHANGE_CASES.map(([, { setup }], index) => writeFile(baseFile(index), stringify(variant((doc) => setup?.(doc))))),
  );
});
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const diff = (path: string, ...args: string[]) =>
  runMain(main, ["--url", `${server.url}${path}`, "--timeout-ms", "300", "--retries", "1", ...args]);

describe("npm run spec:diff: no drift", () => {
  test.each(["/identical.yaml", "/reordered.json", "/requoted.yaml"])(
    "%s against the vendored spec: exit 0",
    async (path) => {
      const result = await diff(path);
      expect(result.stdout).toBe("No changes.\n");
      expect(result.code).toBe(0);
    },
  );
});

describe.each(CHANGE_CASES.map(([name, changeCase], index) => [name, changeCase, index] as const))(
  "npm run spec:diff: %s",
  (_name, { want }, index) => {
    const run = (...args: string[]) => diff(`/case-${index}.yaml`, "--base", baseFile(index), ...args);

    test("text", async () => {
      const result = await run();
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(want.operation ?? "(document)");
      expect(result.stdout).toMatch(new RegExp(`${want.level}\\s+.*\\[${want.id}\\]`));
      expect(result.stdout).not.toContain("\u001b["); // not a TTY: no colour
    });

    test("json", async () => {
      const result = await run("--format", "json");
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(Object.keys(report)).toEqual(["summary", "changes"]);
      expect(Object.keys(report.summary)).toEqual(["breaking", "warning", "info", "paths", "operations", "schemas"]);
      expect(report.changes).toContainEqual(
        expect.objectContaining({ ...want, location: expect.stringMatching(/^\//) }),
      );
      expect(report.summary[want.level]).toBeGreaterThanOrEqual(1);
    });

    test("markdown", async () => {
      const result = await run("--format", "markdown");
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^## OpenAPI drift report\n/);
      expect(result.stdout).toContain(want.operation ? `| \`${want.operation}\` |` : "| — |");
      expect(result.stdout).toContain(`\`${want.id}\` |`);
    });

    test("github, with counts in $GITHUB_OUTPUT and the report in $GITHUB_STEP_SUMMARY", async () => {
      const output = join(dir, `output-${index}`);
      const summary = join(dir, `summary-${index}`);
      vi.stubEnv("GITHUB_OUTPUT", output);
      vi.stubEnv("GITHUB_STEP_SUMMARY", summary);
      try {
        const result = await run("--format", "github");
        expect(result.code).toBe(1);
        const line = result.stdout.split("\n").find((annotation) => annotation.includes(`title=${want.id}::`));
        expect(line).toMatch(new RegExp(`^::${COMMANDS[want.level]} file=spec/v3-openapi.yaml,title=${want.id}::`));
        const counts = Object.fromEntries(
          (await readFile(output, "utf8"))
            .trim()
            .split("\n")
            .map((entry) => entry.split("=")),
        );
        expect(Number(counts[want.level])).toBeGreaterThanOrEqual(1);
        expect(await readFile(summary, "utf8")).toContain(`\`${want.id}\``);
      } finally {
        vi.unstubAllEnvs();
      }
    });

    test("--fail-on", async () => {
      expect((await run("--fail-on", "breaking")).code).toBe(want.level === "breaking" ? 1 : 0);
      expect((await run("--fail-on", "none")).code).toBe(0);
    });
  },
);

test("the revision's warnings are printed once each on stderr, the report unchanged", async () => {
  const result = await diff("/loose.yaml");
  const warnings = result.stderr.trimEnd().split("\n");
  expect(warnings).toHaveLength(LOOSE_PROPERTIES(vendoredSpec()).length);
  for (const warning of warnings) {
    expect(warning).toMatch(
      /^warning: .*loose\.yaml: Property `min_items` is not expected here\. at #\/.+\/min_items$/,
    );
  }
  // An unknown keyword is no change a client sees: drift all the same.
  expect(result.stdout).toContain("[api-document-changed]");
});

describe("npm run spec:diff: could not run", () => {
  test.each(BAD_SOURCES)("%s: exit 2 with one clear line", async (name, _route, message) => {
    const result = await diff(`/bad/${encodeURIComponent(name)}`, "--max-bytes", "1000");
    expect(result.code).toBe(2);
    const errors = result.stderr.split("\n").filter((line) => line.startsWith("error: "));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  test.each([
    [["--format", "xml"], /--format takes one of text, json, markdown, github; got "xml"/],
    [["--fail-on", "warning"], /--fail-on takes one of any, breaking, none; got "warning"/],
    [["--base", "/nonexistent/spec.yaml"], /cannot read \/nonexistent\/spec\.yaml: ENOENT/],
  ])("%j: exit 2", async (args, message) => {
    const result = await diff("/identical.yaml", ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe("npm run spec:diff as a process", () => {
  test("exit 0 without drift and 1 with it, like CI sees it", async () => {
    const same = await runScript(REPO_ROOT, "spec-diff.ts", ["--url", `${server.url}/identical.yaml`]);
    expect(same.code).toBe(0);
    const drift = await runScript(REPO_ROOT, "spec-diff.ts", [
      "--url",
      `${server.url}/case-0.yaml`,
      "--base",
      join(REPO_ROOT, "test", "fixtures", "devin-v3-seed.yaml"),
    ]);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain("[endpoint-added]");
  });
});
