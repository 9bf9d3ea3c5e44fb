import { spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PipelineError } from "../util/pipeline-error.js";

/** The version in the sources, replaced in the built files by package.json's (src/version.ts). */
export const VERSION_PLACEHOLDER = "0.0.0-development";

/** The two builds of the package: ESM (with the command line) and CommonJS (the library), each with its declarations. */
export const BUILDS = [
  { tsconfig: "tsconfig.build.json", outDir: join("dist", "esm") },
  { tsconfig: "tsconfig.build.cjs.json", outDir: join("dist", "cjs") },
] as const;

function runTsc(root: string, tsconfig: string): Promise<{ code: number | null; output: string }> {
  const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, "-p", tsconfig], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * Builds `dist/` from nothing: both builds compiled side by side, `dist/cjs` marked
 * CommonJS (its `.js` and `.d.ts` files are CommonJS to Node and to TypeScript), and
 * package.json's version written where the sources hold the placeholder. Returns the
 * files it wrote besides the compiler's.
 */
export async function buildPackage(root: string): Promise<string[]> {
  await rm(join(root, "dist"), { recursive: true, force: true });
  const results = await Promise.all(BUILDS.map((build) => runTsc(root, build.tsconfig)));
  for (const [index, result] of results.entries()) {
    if (result.code === 0) continue;
    const errors = result.output.split("\n").filter((line) => line.includes("error TS"));
    throw new PipelineError(
      "step-failed",
      `tsc -p ${BUILDS[index]?.tsconfig} failed with ${errors.length} error(s), the first: ${errors[0] ?? result.output.trim()}`,
    );
  }
  const written: string[] = [];
  const cjsMarker = join(root, "dist", "cjs", "package.json");
  await writeFile(cjsMarker, `${JSON.stringify({ type: "commonjs" })}\n`);
  written.push(cjsMarker);
  const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
  for (const build of BUILDS) {
    const file = join(root, build.outDir, "src", "version.js");
    const text = await readFile(file, "utf8");
    const quoted = JSON.stringify(VERSION_PLACEHOLDER);
    if (text.split(quoted).length !== 2) {
      throw new PipelineError("step-failed", `${file} does not hold the version placeholder exactly once`);
    }
    await writeFile(file, text.replace(quoted, JSON.stringify(version)));
    written.push(file);
  }
  return written;
}
