import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { sha256 } from "../../scripts/lib/util/sha256.js";
import { main } from "../../scripts/spec-fetch.js";
import type { TestServer } from "../support/http-server.js";
import { copyProject, type ProjectCopy } from "../support/project-copy.js";
import { runMain } from "../support/run-main.js";
import { BAD_SOURCES, type Route, startSpecServer } from "../support/spec-server.js";
import { VENDORED_SPEC_TEXT, variant } from "../support/spec-variants.js";

const UPDATED = `# republished\n${stringify(variant((doc) => (doc.info.description = "Updated upstream")))}`;

const routes: Record<string, Route> = {
  "/same.yaml": { body: VENDORED_SPEC_TEXT },
  "/updated.yaml": { body: UPDATED },
  "/updated.json": {
    body: JSON.stringify(variant((doc) => (doc.info.version = "3.0.1"))),
    headers: { "content-type": "application/json" },
  },
  "/flaky-503.yaml": (_request, response, hits) => {
    if (hits < 3) {
      response.writeHead(503, { "retry-after-ms": "20" });
      response.end("busy");
    } else {
      response.writeHead(200);
      response.end(UPDATED);
    }
  },
  "/rate-limited.yaml": (_request, response, hits) => {
    response.writeHead(hits === 1 ? 429 : 200, hits === 1 ? { "retry-after": "0" } : {});
    response.end(hits === 1 ? "" : UPDATED);
  },
  "/reset.yaml": (request, response, hits) => {
    if (hits === 1) request.socket.destroy();
    else response.end(UPDATED);
  },
  "/redirect.yaml": (_request, response) => {
    response.writeHead(301, { location: "/updated.yaml" });
    response.end();
  },
  ...Object.fromEntries(BAD_SOURCES.map(([name, route]) => [`/bad/${encodeURIComponent(name)}`, route])),
};

describe("npm run spec:fetch", () => {
  let server: TestServer & { hits: Map<string, number> };
  let project: ProjectCopy;
  let pristine: { spec: string; lock: string };
  const specFile = () => join(project.root, "spec", "v3-openapi.yaml");
  const lockFile = () => join(project.root, "spec", "v3-openapi.lock.json");
  const fetchFrom = (path: string, ...args: string[]) =>
    runMain(main, [
      "--root",
      project.root,
      "--url",
      `${server.url}${path}`,
      "--timeout-ms",
      "300",
      "--retries",
      "1",
      ...args,
    ]);

  beforeAll(async () => {
    server = await startSpecServer(routes);
    project = await copyProject();
    pristine = { spec: await readFile(specFile(), "utf8"), lock: await readFile(lockFile(), "utf8") };
  });
  afterAll(async () => {
    await server?.close();
    await project?.remove();
  });
  beforeEach(async () => {
    await writeFile(specFile(), pristine.spec);
    await writeFile(lockFile(), pristine.lock);
    server.hits.clear();
  });

  test("an unchanged document rewrites nothing, from whichever URL it came", async () => {
    const [specBefore, lockBefore] = [await stat(specFile()), await stat(lockFile())];
    const result = await fetchFrom("/same.yaml");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/v3-openapi\.yaml is unchanged \(sha256 [0-9a-f]{64}\)/);
    expect((await stat(specFile())).mtimeMs).toBe(specBefore.mtimeMs);
    expect((await stat(lockFile())).mtimeMs).toBe(lockBefore.mtimeMs);
    expect(await readFile(lockFile(), "utf8")).toBe(pristine.lock);
  });

  test("a lock that disagrees with an unchanged spec is repaired", async () => {
    await writeFile(lockFile(), JSON.stringify({ source: "x", sha256: "0".repeat(64) }));
    const result = await fetchFrom("/same.yaml");
    expect(result.stdout).toMatch(/v3-openapi\.yaml is unchanged; its lock now records sha256 [0-9a-f]{64}/);
    expect(JSON.parse(await readFile(lockFile(), "utf8"))).toEqual({
      source: `${server.url}/same.yaml`,
      sha256: sha256(await readFile(specFile())),
    });
  });

  test.each(["/updated.yaml", "/updated.json", "/redirect.yaml"])(
    "a changed document (%s) replaces spec and lock together, keeping upstream's bytes",
    async (path) => {
      const result = await fetchFrom(path);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("updated from");
      expect(result.stdout).toContain("next: run `npm run generate`");
      const bytes = await readFile(specFile());
      const served = (routes[path === "/redirect.yaml" ? "/updated.yaml" : path] as { body: string }).body;
      expect(bytes.toString()).toBe(served);
      // The lock records the URL the bytes came from: after a redirect, where it led.
      expect(JSON.parse(await readFile(lockFile(), "utf8"))).toEqual({
        source: `${server.url}${path === "/redirect.yaml" ? "/updated.yaml" : path}`,
        sha256: sha256(bytes),
      });
    },
  );

  test.each([
    ["503 twice, then 200", "/flaky-503.yaml", /answered 503 Service Unavailable; retrying in 0\.0 s \(try 2 of 4\)/],
    ["429 with Retry-After: 0, then 200", "/rate-limited.yaml", /answered 429 Too Many Requests; retrying in 0\.0 s/],
    ["a connection reset, then 200", "/reset.yaml", /no response from .*\/reset\.yaml \(.+\); retrying in/],
  ])("a transient failure (%s) is retried and said so on stderr", async (_name, path, said) => {
    const result = await fetchFrom(path, "--retries", "3");
    expect(result.stderr).toMatch(said);
    expect(result.stderr.split("\n").filter((line) => line.startsWith("error"))).toEqual([]);
    expect(result.code).toBe(0);
    expect(await readFile(specFile(), "utf8")).toBe(UPDATED);
  });

  test.each(BAD_SOURCES)("%s: exit 2, one clear line, spec/ byte-identical", async (name, _route, message) => {
    const before = sha256(await readFile(specFile())) + sha256(await readFile(lockFile()));
    const result = await fetchFrom(`/bad/${encodeURIComponent(name)}`, "--max-bytes", "1000");
    expect(result.code).toBe(2);
    const errorLines = result.stderr.split("\n").filter((line) => line.startsWith("error: "));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(sha256(await readFile(specFile())) + sha256(await readFile(lockFile()))).toBe(before);
  });

  test("--file vendors a local document, and the lock says it came from a file (by name, not path)", async () => {
    const file = join(project.root, "downloaded.yaml");
    await writeFile(file, UPDATED);
    const result = await runMain(main, ["--root", project.root, "--file", file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("updated from file:downloaded.yaml");
    expect(result.stdout).not.toContain("https://");
    expect(JSON.parse(await readFile(lockFile(), "utf8")).source).toBe("file:downloaded.yaml");
  });

  test("what endangers nothing is vendored with warnings: each once, with its pointer, bounded in number", async () => {
    const loose = variant((doc) => {
      const schemas = (doc.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
      // Keywords a 3.1 schema does not define, on 30 schemas (as OpenAI's description has them).
      for (let index = 0; index < 30; index++) schemas[`Loose${index}`] = { type: "string", nullable: true };
    });
    const file = join(project.root, "loose.yaml");
    await writeFile(file, stringify(loose));
    const result = await runMain(main, ["--root", project.root, "--file", file]);
    expect(result.code).toBe(0);
    const warnings = result.stderr.trimEnd().split("\n");
    expect(warnings[0]).toMatch(
      /^warning: .*loose\.yaml: Property `nullable` is not expected here\. at #\/components\/schemas\/Loose\d+\/nullable$/,
    );
    expect(warnings).toHaveLength(21);
    expect(warnings.at(-1)).toMatch(/… and 10 more warnings \(30 in all\)$/);
    expect(result.stdout).toContain("updated from file:loose.yaml");
  });

  test("--root of a folder without spec/ vendors into a new spec/", async () => {
    const root = join(project.root, "fresh-project");
    const file = join(project.root, "first.yaml");
    await writeFile(file, UPDATED);
    const result = await runMain(main, ["--root", root, "--file", file]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await readFile(join(root, "spec", "v3-openapi.yaml"), "utf8")).toBe(UPDATED);
    expect(JSON.parse(await readFile(join(root, "spec", "v3-openapi.lock.json"), "utf8")).source).toBe(
      "file:first.yaml",
    );
  });

  test("--file has the same size cap as --url", async () => {
    const file = join(project.root, "big.yaml");
    await writeFile(file, UPDATED);
    const result = await runMain(main, ["--root", project.root, "--file", file, "--max-bytes", "100"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/big\.yaml is \d+ bytes, over the 100-byte limit \(--max-bytes\)/);
    expect(await readFile(specFile(), "utf8")).toBe(pristine.spec);
  });

  test.each([
    ["a file: URL", "file:///etc/passwd", /redirects to file: URL; only http\(s\) is followed/],
    ["a data: URL", "data:text/plain,openapi", /redirects to data: URL; only http\(s\) is followed/],
  ])("a redirect to %s is refused before it is followed", async (_name, location, message) => {
    const redirecting = await startSpecServer({
      "/r.yaml": (_request, response) => {
        response.writeHead(302, { location });
        response.end();
      },
    });
    try {
      const result = await runMain(main, ["--root", project.root, "--url", `${redirecting.url}/r.yaml`]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(await readFile(specFile(), "utf8")).toBe(pristine.spec);
    } finally {
      await redirecting.close();
    }
  });

  test("--url and --file together, and a bad number, are usage errors", async () => {
    expect((await runMain(main, ["--url", "http://x", "--file", "y"])).stderr).toContain(
      "give --url or --file, not both",
    );
    expect((await runMain(main, ["--timeout-ms", "soon"])).stderr).toContain(
      '--timeout-ms takes a whole number from 1 to 2147483647, got "soon"',
    );
  });
});
