import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitProjectCopy } from "../support/git-project.js";
import { installConsumer, type PackedPackage, packPackage } from "../support/packed-package.js";
import type { ProjectCopy } from "../support/project-copy.js";
import { REPO_ROOT } from "../support/project-copy.js";
import { runProcess } from "../support/run-process.js";

/**
 * The package as a release publishes it, checked by the tools the ecosystem checks
 * packages with (arethetypeswrong, publint), compiled by the oldest TypeScript versions it
 * supports, and installed from git (npm's prepare builds it).
 *
 * The minimum TypeScript is 5.4 as a consumer compiles by default (skipLibCheck off):
 * older versions reject openapi-fetch's own declarations and those of its helpers package
 * (`ResponseObjectMap<T>` against `Record<string | number, any>`), never this package's. With skipLibCheck on it is 4.9.
 */
const TYPESCRIPTS = ["4.9.5", "5.0.4", "5.3.3", "5.4.5", "5.9.3"];
const MINIMUM_WITHOUT_SKIP_LIB_CHECK = "5.4.5";
const TYPESCRIPT_CACHE = join(REPO_ROOT, ".cache", "typescripts");

/** Every operation kind a consumer types: a wrapper, a raw call, the typed error of an operation. */
const CONSUMER = `import { createDevinClient, getUsageMetrics, NotFoundError, type OperationError, type paths, type UsageMetrics } from "devin-v3-client";

const client = createDevinClient({ apiKey: "cog_x", baseUrl: "http://127.0.0.1:1" });
// Options read from the environment or a config file are string | undefined: they type under exactOptionalPropertyTypes.
declare const fromEnvironment: string | undefined;
declare const since: Date | undefined;
const configured = createDevinClient({ apiKey: fromEnvironment, baseUrl: fromEnvironment, timeoutMs: undefined });
type Usage = paths["/v3/organizations/{org_id}/metrics/usage"]["get"];
export async function main(): Promise<number> {
  const metrics: UsageMetrics = await getUsageMetrics(client, { orgId: "o", timeAfter: new Date() });
  const again = await client.call("GET", "/v3/organizations/{org_id}/metrics/usage", { params: { path: { org_id: "o" } } });
  await getUsageMetrics(configured, { orgId: "o", timeAfter: since, timeBefore: undefined }, { maxRetries: undefined, signal: undefined });
  try {
    await getUsageMetrics(client, { orgId: "o" });
  } catch (error) {
    if (client.isErrorOf(error, "GET", "/v3/organizations/{org_id}/metrics/usage") && error instanceof NotFoundError) return error.status;
  }
  const typed: OperationError<Usage> | undefined = undefined;
  return metrics.sessions_count + again.sessions_count + (typed === undefined ? 0 : 1);
}
`;

let packed: PackedPackage;
let consumer: string;

async function typescriptAt(version: string): Promise<string> {
  const folder = join(TYPESCRIPT_CACHE, version);
  const tsc = join(folder, "node_modules", "typescript", "bin", "tsc");
  const installed = await readFile(join(folder, "node_modules", "typescript", "package.json"), "utf8").catch(() => "");
  if (!installed.includes(`"version": "${version}"`)) {
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "package.json"), JSON.stringify({ name: "typescript-at", private: true }));
    const install = await runProcess(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", `typescript@${version}`],
      {
        cwd: folder,
        timeoutMs: 300_000,
      },
    );
    if (install.code !== 0) throw new Error(`installing typescript@${version} failed: ${install.stderr}`);
  }
  return tsc;
}

beforeAll(async () => {
  packed = await packPackage();
  consumer = packed.folder;
  await installConsumer(consumer, packed.tarball, { type: "module" });
  await writeFile(join(consumer, "consumer.ts"), CONSUMER);
});
afterAll(async () => {
  await packed?.remove();
});

describe("the published package", () => {
  test("arethetypeswrong finds no problem for any resolution (node10, node16 CJS and ESM, bundler)", async () => {
    const attw = join(REPO_ROOT, "node_modules", ".bin", "attw");
    const run = await runProcess(attw, ["--format", "json", packed.tarball]);
    const { analysis, problems } = JSON.parse(run.stdout);
    expect(problems).toEqual({});
    const resolutions = analysis.entrypoints["."].resolutions;
    expect(Object.keys(resolutions).sort()).toEqual(["bundler", "node10", "node16-cjs", "node16-esm"]);
    expect(resolutions["node16-cjs"].resolution.fileName).toMatch(/dist\/cjs\/src\/index\.d\.ts$/);
    expect(resolutions["node16-esm"].resolution.fileName).toMatch(/dist\/esm\/src\/index\.d\.ts$/);
    expect(run.code).toBe(0);
  });

  test("publint has no error, warning or suggestion", async () => {
    const tarball = await readFile(packed.tarball);
    const { messages, pkg } = await publint({ pack: { tarball: new Uint8Array(tarball).buffer }, strict: true });
    expect(messages.map((message) => formatMessage(message, pkg))).toEqual([]);
  });

  test.each(TYPESCRIPTS.flatMap((version) => [true, false].map((skipLibCheck) => [version, skipLibCheck] as const)))(
    "TypeScript %s, skipLibCheck %s: a consumer compiles (below the minimum, fails only in openapi-fetch's declarations)",
    async (version, skipLibCheck) => {
      const tsc = await typescriptAt(version);
      const resolutions = version.startsWith("4.") ? ["NodeNext", "Node10"] : ["NodeNext", "Bundler", "Node10"];
      for (const moduleResolution of resolutions) {
        const module = { NodeNext: "NodeNext", Bundler: "ESNext", Node10: "CommonJS" }[moduleResolution];
        const config = `tsconfig-${version}-${moduleResolution}-${skipLibCheck}.json`;
        const compilerOptions = {
          noEmit: true,
          strict: true,
          exactOptionalPropertyTypes: true,
          skipLibCheck,
          target: "ES2022",
          module,
          moduleResolution: moduleResolution === "Node10" ? "Node" : moduleResolution,
          lib: ["ES2022", "DOM"],
          types: [],
        };
        await writeFile(join(consumer, config), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
        const run = await runProcess(process.execPath, [tsc, "-p", config], { cwd: consumer });
        const errors = run.stdout.split("\n").filter((line) => line.includes("error TS"));
        const supported =
          skipLibCheck || version.localeCompare(MINIMUM_WITHOUT_SKIP_LIB_CHECK, undefined, { numeric: true }) >= 0;
        if (supported) {
          expect(errors, `${version} ${moduleResolution}`).toEqual([]);
        } else {
          // Below the minimum: the only errors are in openapi-fetch's declarations (and its helpers'), none in this package's.
          expect(errors.length, `${version} ${moduleResolution}`).toBeGreaterThan(0);
          expect(
            errors.filter((line) => !/^node_modules\/(openapi-fetch|openapi-typescript-helpers)\//.test(line)),
          ).toEqual([]);
        }
      }
    },
  );
});

describe("installed from git", () => {
  let project: ProjectCopy;
  afterAll(async () => {
    await project?.remove();
  });

  test("npm's prepare builds the package, and both builds load", async () => {
    project = await gitProjectCopy();
    // The copy links this repository's node_modules, and git keeps a link as a file: out of
    // the commit, so the install from git prepares its own, as on a user's machine.
    const git = (...args: string[]) => runProcess("git", args, { cwd: project.root });
    await git("rm", "--cached", "-q", "node_modules");
    await git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-qm", "no node_modules");
    const folder = join(project.root, "..", `${project.root.split("/").at(-1)}-git-consumer`);
    await mkdir(folder);
    try {
      await writeFile(
        join(folder, "package.json"),
        JSON.stringify({ name: "git-consumer", private: true, type: "module" }),
      );
      const install = await runProcess(
        "npm",
        ["install", "--no-audit", "--no-fund", "--prefer-offline", `git+file://${project.root}`],
        {
          cwd: folder,
          timeoutMs: 900_000,
        },
      );
      expect(install.code, install.stderr).toBe(0);
      const esm = await runProcess(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          'const m = await import("devin-v3-client"); console.log(typeof m.createDevinClient, m.PACKAGE_VERSION)',
        ],
        { cwd: folder },
      );
      const cjs = await runProcess(
        process.execPath,
        ["-e", 'const m = require("devin-v3-client"); console.log(typeof m.createDevinClient, m.PACKAGE_VERSION)'],
        { cwd: folder },
      );
      const { version } = JSON.parse(await readFile(join(project.root, "package.json"), "utf8"));
      expect(esm.stdout.trim()).toBe(`function ${version}`);
      expect(cjs.stdout.trim()).toBe(`function ${version}`);
    } finally {
      await runProcess("rm", ["-rf", folder]);
    }
  });
});
