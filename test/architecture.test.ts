import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { build } from "esbuild";
import { describe, expect, test } from "vitest";
import { REPO_ROOT } from "./support/project-copy.js";

/** Every relative import of every TypeScript file in the rooms, type-only ones included. */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(REPO_ROOT, folder), { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) files.push(path.split(sep).join("/"));
    }
  };
  for (const room of ["scripts", "src", "generated", "test"]) walk(room);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(REPO_ROOT, file), "utf8");
    const targets = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((match) =>
      relative(REPO_ROOT, resolve(REPO_ROOT, dirname(file), (match[1] as string).replace(/\.m?js$/, ".ts")))
        .split(sep)
        .join("/"),
    );
    graph.set(file, targets);
  }
  return graph;
}

const graph = importGraph();
const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => [from, to] as const));
const inRoom = (file: string, room: string) => file.startsWith(`${room}/`);

describe("which way imports run (ARCHITECTURE.md)", () => {
  test("the graph is read (each rule below checks real edges)", () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges).toContainEqual(["scripts/lib/generate/generation.ts", "scripts/lib/document/model.ts"]);
  });

  test.each([
    [
      "src/ never imports scripts/ or test/",
      (from: string, to: string) => inRoom(from, "src") && (inRoom(to, "scripts") || inRoom(to, "test")),
    ],
    [
      "the library never imports the command line (src/cli/)",
      (from: string, to: string) => inRoom(from, "src") && !inRoom(from, "src/cli") && inRoom(to, "src/cli"),
    ],
    ["generated/ imports nothing", (from: string) => inRoom(from, "generated")],
    ["nothing outside test/ imports test/", (from: string, to: string) => !inRoom(from, "test") && inRoom(to, "test")],
    [
      "the pipeline's library never imports a command entry point",
      (from: string, to: string) => inRoom(from, "scripts/lib") && /^scripts\/[^/]+\.ts$/.test(to),
    ],
  ])("%s", (_rule, forbidden) => {
    expect(edges.filter(([from, to]) => forbidden(from, to))).toEqual([]);
  });

  test("there are no import cycles, type-only imports included", () => {
    const cycles: string[][] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, "open");
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});

describe("what the client loads on demand (docs/benchmarks.md, the bundle)", () => {
  test("shares no chunk with what it loads up front: the entry's only static import is openapi-fetch", async () => {
    const result = await build({
      entryPoints: [join(REPO_ROOT, "src", "index.ts")],
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "neutral",
      external: ["openapi-fetch"],
      outdir: join(REPO_ROOT, ".cache", "architecture-bundle"),
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const entry = Object.values(result.metafile.outputs).find((output) => output.entryPoint !== undefined);
    const imports = entry?.imports ?? [];
    expect(imports.filter((imported) => imported.kind === "import-statement").map((imported) => imported.path)).toEqual(
      ["openapi-fetch"],
    );
    expect(imports.filter((imported) => imported.kind === "dynamic-import")).toHaveLength(3);
  });
});
