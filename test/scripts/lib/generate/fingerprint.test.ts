import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  GENERATION_ENTRY,
  generatorFingerprint,
  generatorSources,
} from "../../../../scripts/lib/generate/fingerprint.js";
import { copyProject, type ProjectCopy, REPO_ROOT } from "../../../support/project-copy.js";

describe("the generator fingerprint", () => {
  let project: ProjectCopy;
  beforeAll(async () => {
    project = await copyProject();
  });
  afterAll(async () => {
    await project?.remove();
  });

  test("covers the document model, which the repair and the schemas walk", () => {
    expect(generatorSources(REPO_ROOT)).toContain("scripts/lib/document/model.ts");
  });

  test("is exactly the project files the bundler finds in the generation's import graph", async () => {
    const result = await esbuild.build({
      entryPoints: [join(REPO_ROOT, GENERATION_ENTRY)],
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "node",
      packages: "external",
      logLevel: "silent",
    });
    const bundled = Object.keys(result.metafile.inputs)
      .map((input) => input.replace(/^(\.\.\/)+/, ""))
      .filter((input) => !input.startsWith("generated/"))
      .sort();
    expect(generatorSources(REPO_ROOT)).toEqual(bundled);
  });

  test("changes when any one of those files changes, and only then", async () => {
    const before = generatorFingerprint(project.root);
    expect(generatorFingerprint(project.root)).toBe(before);
    for (const source of generatorSources(project.root)) {
      const file = join(project.root, source);
      const original = await readFile(file, "utf8");
      await appendFile(file, "\n// edited\n");
      expect(generatorFingerprint(project.root), source).not.toBe(before);
      await writeFile(file, original);
    }
    expect(generatorFingerprint(project.root)).toBe(before);
  });
});
