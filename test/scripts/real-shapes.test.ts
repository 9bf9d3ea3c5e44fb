import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { main as generateMain } from "../../scripts/generate.js";
import { main as diffMain } from "../../scripts/spec-diff.js";
import { main as fetchMain } from "../../scripts/spec-fetch.js";
import { REPO_ROOT } from "../support/project-copy.js";
import { runMain } from "../support/run-main.js";

/**
 * Documents that cannot be fetched in CI (OpenAI publishes its description only in a Git
 * repository, openai/openai-openapi) are represented by fixtures written here with the same
 * shapes, each named in its file: they are vendored with the warnings they deserve,
 * generated exactly as openapi-typescript generates them with its defaults, and diffed.
 */
const FIXTURES: [string, number, RegExp[]][] = [
  [
    "openai-3.1.yaml",
    7,
    [
      /`nullable` is not expected/,
      /`exclusiveMinimum`|Expected type `number` but got `boolean`/,
      /`min_items`/,
      /`optional`/,
      /`\$recursiveAnchor`/,
      /`\$recursiveRef`/,
    ],
  ],
  ["openai-3.0.yaml", 5, [/anyOf\/1\/type/, /properties\/size\/type/, /`optional`/, /`min_items`/, /`propertyNames`/]],
];

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "real-shapes-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const fixture = (name: string) => join(REPO_ROOT, "test", "fixtures", "real-shapes", name);
const body = (text: string) => {
  let rest = text;
  while (rest.startsWith("/**")) rest = rest.slice(rest.indexOf("*/") + 2).replace(/^\n+/, "");
  return rest;
};

describe.each(FIXTURES)("%s", (name, count, patterns) => {
  const root = () => join(scratch, name);

  test("is vendored with its warnings, one line each with its pointer", async () => {
    const fetched = await runMain(fetchMain, ["--root", root(), "--file", fixture(name)]);
    expect(fetched.code).toBe(0);
    const warnings = fetched.stderr.trimEnd().split("\n");
    expect(warnings).toHaveLength(count);
    for (const line of warnings) expect(line).toMatch(/^warning: .* at #\/components\/schemas\//);
    for (const pattern of patterns) expect(warnings.some((line) => pattern.test(line))).toBe(true);
  });

  test("is generated as openapi-typescript generates it", async () => {
    const generated = await runMain(generateMain, ["--root", root()]);
    expect(generated.code).toBe(0);
    const ours = await readFile(join(root(), "generated", "devin-v3.ts"), "utf8");
    const bare = astToString(await openapiTS(parse(await readFile(fixture(name), "utf8")), { silent: true }));
    expect(body(ours)).toBe(body(bare));
  });

  test("is diffed against an edited version: exit 1, not 2", async () => {
    const edited = join(root(), "edited.json");
    const document = parse(await readFile(fixture(name), "utf8"));
    document.components.schemas.Added = { type: "string" };
    await writeFile(edited, JSON.stringify(document));
    const diffed = await runMain(diffMain, ["--base", fixture(name), "--file", edited]);
    expect(diffed.code).toBe(1);
    expect(diffed.stdout).toContain("api-schema-added");
  });
});
