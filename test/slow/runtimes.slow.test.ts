import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { installConsumer, type PackedPackage, packPackage } from "../support/packed-package.js";
import { REPO_ROOT } from "../support/project-copy.js";
import { runProcess } from "../support/run-process.js";
import { EXPECTED_ANSWERS, SCENARIO, type ScenarioServer, startScenarioServer } from "../support/runtime-scenario.js";

/**
 * The packed package, installed as a consumer installs it, run in every runtime a
 * TypeScript user has: Node (ESM and CommonJS), headless Chromium (Debian's, driven by
 * playwright-core, the page on another origin than the API), Deno and Bun (both from
 * npm, installed here into .cache/runtimes). Each runs the same scenario against the same
 * loopback server and must give the same answers.
 */
const RUNTIMES = join(REPO_ROOT, ".cache", "runtimes");
const RUNTIME_PACKAGES = ["deno@2.9.6", "bun@1.4.4"];
const CHROMIUM = "/usr/bin/chromium";

let packed: PackedPackage;
let api: ScenarioServer;
let consumer: string;

async function installRuntimes(): Promise<void> {
  if (
    existsSync(join(RUNTIMES, "node_modules", ".bin", "deno")) &&
    existsSync(join(RUNTIMES, "node_modules", ".bin", "bun"))
  )
    return;
  await mkdir(RUNTIMES, { recursive: true });
  await writeFile(join(RUNTIMES, "package.json"), JSON.stringify({ name: "runtimes", private: true }));
  const install = await runProcess(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", ...RUNTIME_PACKAGES],
    {
      cwd: RUNTIMES,
      timeoutMs: 600_000,
    },
  );
  if (install.code !== 0) throw new Error(`installing ${RUNTIME_PACKAGES.join(", ")} failed: ${install.stderr}`);
}

beforeAll(async () => {
  [packed] = await Promise.all([packPackage(), installRuntimes()]);
  consumer = packed.folder;
  await installConsumer(consumer, packed.tarball, { type: "module" });
  api = await startScenarioServer();
  await writeFile(
    join(consumer, "scenario.mjs"),
    `import * as lib from "devin-v3-client";\n${SCENARIO}\nconst [url, tag] = globalThis.Deno?.args ?? process.argv.slice(2);\nconsole.log(JSON.stringify(await scenario(lib, url, tag)));\n`,
  );
  await writeFile(
    join(consumer, "scenario.cjs"),
    `const lib = require("devin-v3-client");\n${SCENARIO}\nscenario(lib, process.argv[2], process.argv[3]).then((out) => console.log(JSON.stringify(out)));\n`,
  );
});
afterAll(async () => {
  await api?.close();
  await packed?.remove();
});

/** Runs the scenario under a command line and checks its answers and what the server saw. */
async function runScenario(tag: string, command: string, args: string[]) {
  const before = api.requests.length;
  const run = await runProcess(command, [...args, api.url, tag], { cwd: consumer, timeoutMs: 120_000 });
  expect(run.stderr.replace(/^Warning.*\n/gm, "")).toBe("");
  expect(JSON.parse(run.stdout)).toEqual(EXPECTED_ANSWERS);
  return api.requests.slice(before);
}

/** Requests per organisation: each call is sent once, but for the retried 503. */
function expectOneTryEach(requests: ScenarioServer["requests"], tag: string) {
  const count = (org: string) => requests.filter((request) => request.path.split("/")[3] === org).length;
  for (const org of ["org-chunked", "org-gzip", "org-bomb", "org-missing", "org-html", "org-stall", "org-wrong-type"]) {
    expect(count(org), org).toBe(1);
  }
  expect(count("org-length")).toBe(2);
  expect(count(`org-flaky-${tag}`)).toBe(2);
}

describe("the same scenario in every runtime", () => {
  test("Node, ESM", async () => {
    const requests = await runScenario("node-esm", process.execPath, ["scenario.mjs"]);
    expectOneTryEach(requests, "node-esm");
    const { version } = JSON.parse(await readFile(join(packed.project.root, "package.json"), "utf8"));
    expect(new Set(requests.map((request) => request.userAgent))).toEqual(new Set([`devin-v3-client/${version}`]));
  });

  test("Node, CommonJS", async () => {
    expectOneTryEach(await runScenario("node-cjs", process.execPath, ["scenario.cjs"]), "node-cjs");
  });

  test("Deno", async () => {
    const deno = join(RUNTIMES, "node_modules", ".bin", "deno");
    const requests = await runScenario("deno", deno, [
      "run",
      "--quiet",
      "--allow-net=127.0.0.1",
      "--no-prompt",
      "scenario.mjs",
    ]);
    expectOneTryEach(requests, "deno");
  });

  test("Bun", async () => {
    const bun = join(RUNTIMES, "node_modules", ".bin", "bun");
    expectOneTryEach(await runScenario("bun", bun, ["scenario.mjs"]), "bun");
  });

  test("headless Chromium, the page on another origin than the API", async () => {
    // The scenario bundled for the browser, as an application's bundler would (esbuild, the package's ESM build).
    const entry = join(consumer, "browser-entry.mjs");
    await writeFile(
      entry,
      `import * as lib from "devin-v3-client";\n${SCENARIO}\nwindow.answers = scenario(lib, new URL(location.href).searchParams.get("api"), "chromium").then((out) => JSON.stringify(out), (error) => "failed: " + error);\n`,
    );
    const outdir = join(consumer, "browser");
    await build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      outdir,
      logLevel: "silent",
    });
    await writeFile(
      join(outdir, "index.html"),
      '<!doctype html><script type="module" src="browser-entry.js"></script>',
    );
    const pages = createServer(async (request, response) => {
      const file = join(outdir, new URL(request.url ?? "/", "http://x").pathname.replace(/^\/$/, "/index.html"));
      const body = await readFile(file).catch(() => undefined);
      response.writeHead(body ? 200 : 404, {
        "content-type": extname(file) === ".js" ? "text/javascript" : "text/html",
      });
      response.end(body);
    });
    await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(String(error)));
      const before = api.requests.length;
      await page.goto(`http://localhost:${(pages.address() as AddressInfo).port}/?api=${encodeURIComponent(api.url)}`);
      const answers = await page.evaluate(() => (window as unknown as { answers: Promise<string> }).answers);
      expect(problems).toEqual([]);
      expect(JSON.parse(answers)).toEqual(EXPECTED_ANSWERS);
      const sent = api.requests.slice(before);
      expectOneTryEach(sent, "chromium");
      // The browser's own User-Agent: the API's CORS preflight allows only authorization and content-type.
      expect(sent.filter((request) => request.userAgent?.startsWith("devin-v3-client/"))).toEqual([]);
    } finally {
      await browser.close();
      await new Promise((resolve) => (pages as Server).close(resolve));
    }
  });
});
