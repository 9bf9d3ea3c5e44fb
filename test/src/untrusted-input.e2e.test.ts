import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, test } from "vitest";
import {
  BadRequestError,
  createDevinClient,
  DevinConfigError,
  DevinInvalidResponseError,
  DevinResponseTooLargeError,
  getUsageMetrics,
  type UsageMetricsParams,
} from "../../src/index.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";

/** A key with characters that JSON and percent-encoding both spell differently. */
const KEY = 'cog_LEAK+/=9f"x\\y';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const client = (options: Parameters<typeof createDevinClient>[0] = {}) =>
  createDevinClient({ apiKey: KEY, baseUrl: server?.url ?? "http://127.0.0.1:9", maxRetries: 0, ...options });

describe("the key is checked when the client is created, and never shown", () => {
  test.each([
    ["a line feed", `${KEY}\n`],
    ["a carriage return and header", `${KEY}\r\nX-Injected: 1`],
    ["a NUL", `${KEY}\0`],
    ["a space", `cog_abc ${KEY}`],
    ["a non-ASCII letter", `${KEY}é`],
  ])("a key with %s is refused with a message that does not contain it", (_name, key) => {
    const error = (() => {
      try {
        createDevinClient({ apiKey: key });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(DevinConfigError);
    expect(error?.message).toMatch(/The API key has a space, control or non-ASCII character at position \d+/);
    for (const shown of [error?.message, error?.stack, inspect(error)]) expect(shown).not.toContain("LEAK");
  });
});

describe("a key the server echoes back, in any spelling, is redacted", () => {
  test("raw, percent-encoded (either case), and JSON-escaped", async () => {
    const encoded = encodeURIComponent(KEY);
    const lowerHex = encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
    server = await startServer((request, response) => {
      const auth = request.headers.authorization ?? "";
      sendJson(
        response,
        400,
        { detail: `you sent ${auth}`, again: auth },
        {
          location: `https://example.invalid/?auth=Bearer%20${encoded}`,
          "x-echo": `Bearer%20${lowerHex}`,
          "x-raw": auth,
        },
      );
    });
    const error = await getUsageMetrics(client(), { orgId: "org" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    const api = error as BadRequestError;
    const everything = [
      api.message,
      inspect(api, { depth: 10 }),
      JSON.stringify(api.body),
      JSON.stringify([...api.headers]),
    ].join("\n");
    for (const spelling of [KEY, encoded, lowerHex, JSON.stringify(KEY).slice(1, -1), "LEAK"]) {
      expect(everything).not.toContain(spelling);
    }
    expect(api.headers.get("location")).toBe("https://example.invalid/?auth=Bearer%20[redacted]");
  });
});

describe("a response body is read up to maxResponseBytes, and no further", () => {
  test("an endless body stops at the cap with a typed error, and is not retried", async () => {
    let sentBytes = 0;
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!response.destroyed && sentBytes < 512 * 1024 * 1024 && response.write(chunk)) sentBytes += chunk.length;
        if (!response.destroyed && sentBytes < 512 * 1024 * 1024) response.once("drain", pump);
      };
      pump();
    });
    const error = await getUsageMetrics(client({ maxResponseBytes: 256 * 1024, maxRetries: 2 }), {
      orgId: "org",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DevinResponseTooLargeError);
    expect((error as Error).message).toMatch(/over the 262144-byte limit \(maxResponseBytes\)/);
    expect(server.requests).toHaveLength(1);
    expect(sentBytes).toBeLessThan(64 * 1024 * 1024);
  });

  test("a gzip bomb is counted after decompression, against the 10 MB default", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(128 * 1024);
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      response.end(bomb);
    });
    const error = await getUsageMetrics(client(), { orgId: "org" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DevinResponseTooLargeError);
    expect((error as Error).message).toContain("10485760-byte limit");
  });

  test("a body within the cap is read whole", async () => {
    server = await startServer((_request, response) => sendJson(response, 200, { sessions_count: 3 }));
    await expect(getUsageMetrics(client({ maxResponseBytes: 100 }), { orgId: "org" })).resolves.toEqual({
      sessions_count: 3,
    });
  });
});

describe("parameters that would send another request than the one typed throw before any request", () => {
  test.each([
    ["orgId ..", { orgId: ".." }, /Path parameter org_id cannot be "\.\."/],
    ["orgId .", { orgId: "." }, /Path parameter org_id cannot be "\."/],
    ["an empty orgId", { orgId: "" }, /Path parameter org_id cannot be ""/],
    ["orgId undefined", { orgId: undefined }, /Path parameter org_id must be a string, got undefined/],
    [
      "orgId an object",
      { orgId: { toString: (): string => "x" } },
      /Path parameter org_id must be a string, got a object/,
    ],
    ["orgId a number", { orgId: 123 }, /Path parameter org_id must be a string, got a number/],
    [
      "timeAfter in milliseconds (Date.now())",
      { orgId: "org", timeAfter: 1_793_491_200_000 },
      /timeAfter is 1793491200000, which as Unix seconds is after the year 5000: it looks like milliseconds; pass Math\.floor\(milliseconds \/ 1000\) or a Date/,
    ],
    ["timeBefore in negative milliseconds", { orgId: "org", timeBefore: -1e12 }, /looks like milliseconds/],
    ["timeAfter NaN", { orgId: "org", timeAfter: Number.NaN }, /timeAfter must be a finite number .* got NaN/],
    ["timeBefore Infinity", { orgId: "org", timeBefore: Number.POSITIVE_INFINITY }, /got Infinity/],
    ["timeAfter an invalid Date", { orgId: "org", timeAfter: new Date("nope") }, /got an invalid Date/],
  ])("%s", async (_name, params, message) => {
    server = await startServer((_request, response) => sendJson(response, 200, {}));
    const error = await getUsageMetrics(client(), params as unknown as UsageMetricsParams).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DevinConfigError);
    expect((error as Error).message).toMatch(message);
    expect(server.requests).toEqual([]);
  });

  test("an organisation id with a slash stays one path segment", async () => {
    server = await startServer((_request, response) => sendJson(response, 200, {}));
    await getUsageMetrics(client(), { orgId: "a/../b" });
    expect(server.requests[0]?.url).toBe("/v3/organizations/a%2F..%2Fb/metrics/usage");
  });
});

describe("transport numbers a timer or a loop cannot honour throw before any request", () => {
  // A timer longer than 2^31 − 1 ms, or not a positive number, fires after 1 ms (HTML
  // timers, Node alike): every call would time out at once; a NaN retry count never ends.
  test.each([
    [
      "timeoutMs Infinity",
      { timeoutMs: Number.POSITIVE_INFINITY },
      /timeoutMs must be .* from 1 to 2147483647.* got Infinity/,
    ],
    ["timeoutMs of 30 days", { timeoutMs: 30 * 86_400_000 }, /timeoutMs .* got 2592000000/],
    ["timeoutMs 0", { timeoutMs: 0 }, /timeoutMs .* got 0/],
    ["timeoutMs NaN", { timeoutMs: Number.NaN }, /timeoutMs .* got NaN/],
    ["maxRetries NaN", { maxRetries: Number.NaN }, /maxRetries must be a whole number from 0, got NaN/],
    ["maxRetries 1.5", { maxRetries: 1.5 }, /maxRetries .* got 1\.5/],
    ["maxResponseBytes NaN (no limit at all)", { maxResponseBytes: Number.NaN }, /maxResponseBytes .* got NaN/],
    ["maxResponseBytes -1", { maxResponseBytes: -1 }, /maxResponseBytes .* got -1/],
  ])("%s: at creation, and per call", async (_name, options, message) => {
    server = await startServer((_request, response) => sendJson(response, 200, {}));
    expect(() => client(options)).toThrow(DevinConfigError);
    expect(() => client(options)).toThrow(message);
    if ("maxResponseBytes" in options) return; // a client option only
    const error = await getUsageMetrics(client(), { orgId: "org" }, options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DevinConfigError);
    expect((error as Error).message).toMatch(message);
    expect(server.requests).toEqual([]);
  });
});

describe("a 2xx answer that is not JSON", () => {
  test("throws a DevinError naming the URL, not a raw SyntaxError", async () => {
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(`{"sessions_count": 1, ${KEY}`);
    });
    const error = await getUsageMetrics(client(), { orgId: "org" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DevinInvalidResponseError);
    expect((error as Error).message).toBe(
      `GET ${server.url}/v3/organizations/org/metrics/usage answered 2xx with a body that is not JSON`,
    );
    expect(inspect(error, { depth: 10 })).not.toContain("LEAK");
  });
});

test("a base URL that is not a URL is a DevinConfigError, not a TypeError", () => {
  expect(() => createDevinClient({ apiKey: KEY, baseUrl: "::not a url::" })).toThrow(DevinConfigError);
  expect(() => createDevinClient({ apiKey: KEY, baseUrl: "ftp://example.com" })).toThrow(/must be https:\/\//);
});

test("a server's error text is one line in the message, whatever it holds", async () => {
  server = await startServer((_request, response) =>
    sendJson(response, 400, { detail: "bad\n::warning::injected\u001b[2J\u202e" }),
  );
  const error = (await getUsageMetrics(client(), { orgId: "org" }).catch((caught: unknown) => caught)) as Error;
  expect(error?.message).toMatch(/failed with 400: bad\\u000a::warning::injected\\u001b\[2J\\u202e$/);
  for (const raw of ["\n", "\u001b", "\u202e"]) expect(error?.message).not.toContain(raw);
});
