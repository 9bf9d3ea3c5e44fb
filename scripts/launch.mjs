#!/usr/bin/env node
// @ts-check
/**
 * Runs one of the project's TypeScript scripts: `node scripts/launch.mjs <name> [args…]`
 * runs `scripts/<name>.ts`, as `npm run` does for every pipeline command.
 *
 * The scripts are bundled with esbuild into `.cache/scripts/<hash>/`, where the hash
 * covers the esbuild version and every TypeScript source under scripts/, src/ and
 * generated/: any edit gives a new build, so what runs is never stale. Started as plain
 * JavaScript a command starts several times faster than through tsx (docs/benchmarks.md),
 * whose loader hooks sit on every module import; for `npm run check` that is most of its
 * time. Without esbuild, or when the build fails, the script runs through tsx instead.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const [name, ...args] = process.argv.slice(2);
const scripts = readdirSync(join(root, "scripts")).filter((file) => file.endsWith(".ts"));
if (!name || !scripts.includes(`${name}.ts`)) {
  const known = scripts.map((file) => file.replace(/\.ts$/, "")).join(", ");
  process.stderr.write(`error: usage: node scripts/launch.mjs <script> [args…]; scripts: ${known}\n`);
  process.exit(2);
}

/** Every TypeScript source a script can import, sorted. */
function sources() {
  /** @type {string[]} */
  const found = [];
  /** @param {string} folder */
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) found.push(path);
    }
  };
  for (const folder of ["scripts", "src", "generated"]) walk(join(root, folder));
  return found.sort();
}

/** @param {string} esbuildVersion */
function buildKey(esbuildVersion) {
  const hash = createHash("sha256").update(esbuildVersion);
  for (const file of sources()) hash.update(`\0${relative(root, file)}\0`).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

/** Builds to a temporary folder and renames it into place, so a half-written build is never used. */
async function ensureBuild() {
  const esbuild = await import("esbuild");
  const builds = join(root, ".cache", "scripts");
  const outdir = join(builds, buildKey(esbuild.version));
  if (existsSync(join(outdir, "complete"))) return outdir;
  const temporary = `${outdir}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [
      ...scripts.map((file) => join(root, "scripts", file)),
      join(root, "scripts", "lib", "document", "structure-worker.ts"),
    ],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    outdir: temporary,
    entryNames: "[name]",
    outExtension: { ".js": ".mjs" },
    logLevel: "silent",
  });
  writeFileSync(join(temporary, "complete"), "");
  try {
    renameSync(temporary, outdir);
  } catch {
    rmSync(temporary, { recursive: true, force: true }); // another process got there first
  }
  // Builds untouched for a day are from sources long gone; newer ones may be in use.
  for (const entry of readdirSync(builds)) {
    const path = join(builds, entry);
    if (path !== outdir && Date.now() - statSync(path).mtimeMs > 86_400_000)
      rmSync(path, { recursive: true, force: true });
  }
  return outdir;
}

let entry;
try {
  entry = join(await ensureBuild(), `${name}.mjs`);
  /** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for("devin-v3-client.source-root")] = root;
} catch (error) {
  if (process.env.DEBUG)
    process.stderr.write(`launch: running through tsx (${/** @type {Error} */ (error).message})\n`);
  const { register } = await import("tsx/esm/api");
  register();
  entry = join(root, "scripts", `${name}.ts`);
}
// The script runs its main when it is the process's entry point (isExecutedDirectly).
process.argv = [process.argv[0] ?? "node", entry, ...args];
await import(pathToFileURL(entry).href);
