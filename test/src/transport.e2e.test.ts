import { afterEach, describe, expect, test } from "vitest";
import {
  createDevinClient,
  DevinAbortError,
  DevinConnectionError,
  DevinTimeoutError,
  getUsageMetrics,
  InternalServerError,
  RateLimitError,
} from "../../src/index.js";
import { createTransport } from "../../src/transport.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";

const KEY = "cog_transport-test";
const METRICS = { sessions_count: 1, searches_count: 2, prs_created_count: 3, prs_merged_count: 4 };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("retries and timeouts against a real HTTP server", () => {
  test("429 with Retry-After: 1, then 200: waits about a second and succeeds", async () => {
    server = await startServer((_request, response, index) =>
      index === 0
        ? sendJson(response, 429, { detail: "slow down" }, { "retry-after": "1" })
        : sendJson(response, 200, METRICS),
    );
    const started = performance.now();
    const metrics = await getUsageMetrics(createDevinClient({ apiKey: KEY, baseUrl: server.url }), { orgId: "o" });
    const waited = performance.now() - started;
    expect(metrics).toEqual(METRICS);
    expect(server.requests).toHaveLength(2);
    expect(waited).toBeGreaterThanOrEqual(950);
  });

  test("503 three times: gives up after 3 tries with InternalServerError saying so", async () => {
    server = await startServer((_request, response) => sendJson(response, 503, "down", { "retry-after-ms": "10" }));
    const error = await getUsageMetrics(createDevinClient({ apiKey: KEY, baseUrl: server.url }), { orgId: "o" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(/\(after 3 tries\) failed with 503: down$/);
    expect(server.requests).toHaveLength(3);
  });

  test("maxRetries per call overrides the client's", async () => {
    server = await startServer((_request, response) => sendJson(response, 429, {}, { "retry-after-ms": "1" }));
    const client = createDevinClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 5 });
    await expect(getUsageMetrics(client, { orgId: "o" }, { maxRetries: 1 })).rejects.toThrow(RateLimitError);
    expect(server.requests).toHaveLength(2);
  });

  test("a server that never answers: DevinTimeoutError after the configured timeout, per try", async () => {
    server = await startServer(() => undefined);
    const client = createDevinClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: 100, maxRetries: 1 });
    const error = await getUsageMetrics(client, { orgId: "o" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DevinTimeoutError);
    expect((error as Error).message).toMatch(/metrics\/usage timed out after 100 ms \(after 2 tries\)$/);
    expect(server.requests).toHaveLength(2);
  });

  // Both ways a body arrives: counted while read (chunked), and handed over unread (a declared length).
  test.each([
    ["chunked", {}],
    ["with a declared length", { "content-length": "100" }],
  ])("a server that sends headers and then stalls (%s) is a timeout too", async (_name, headers) => {
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", ...headers });
      response.write('{"sessions_count":');
    });
    const client = createDevinClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
    const error = await getUsageMetrics(client, { orgId: "o" }, { timeoutMs: 100 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DevinTimeoutError);
    expect((error as Error).message).toMatch(/metrics\/usage timed out after 100 ms$/);
  });

  // docs/client.md: timeouts are retried, and a try's timeout covers its body.
  test.each([
    ["chunked", {}],
    ["with a declared length", { "content-length": "100" }],
  ])(
    "a body that stalls (%s) is retried like a header stall, and the next try's answer is returned",
    async (_name, headers) => {
      server = await startServer((_request, response, index) => {
        if (index > 0) return sendJson(response, 200, METRICS);
        response.writeHead(200, { "content-type": "application/json", ...headers });
        response.write('{"sessions_count":');
      });
      const client = createDevinClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 1, timeoutMs: 150 });
      await expect(getUsageMetrics(client, { orgId: "o" })).resolves.toEqual(METRICS);
      expect(server.requests).toHaveLength(2);
    },
  );

  test("with response validation (which reads a clone), a stalled body is still a DevinTimeoutError", async () => {
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"sessions_count":');
    });
    const client = createDevinClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0, validateResponses: true });
    const error = await getUsageMetrics(client, { orgId: "o" }, { timeoutMs: 100 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DevinTimeoutError);
  });

  test("a body handed over unread is still a Response: instanceof, every reader, clones", async () => {
    server = await startServer((_request, response) => sendJson(response, 200, METRICS));
    const client = createDevinClient({ apiKey: KEY, baseUrl: server.url });
    const { response } = await client.GET("/v3/organizations/{org_id}/metrics/usage", {
      params: { path: { org_id: "o" } },
      parseAs: "stream",
    });
    expect(response).toBeInstanceOf(Response);
    expect(Object.keys(response)).toEqual([]);
    const copy = response.clone();
    expect(copy).toBeInstanceOf(Response);
    expect(JSON.parse(await copy.text())).toEqual(METRICS);
    expect(JSON.parse(new TextDecoder().decode(await response.arrayBuffer()))).toEqual(METRICS);
    await expect(response.json()).rejects.toThrow(TypeError); // a body is read once, as on any Response
  });

  test("a body cut short of its declared length is a DevinConnectionError, not a raw TypeError", async () => {
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"sessions_count":');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const client = createDevinClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
    const error = await getUsageMetrics(client, { orgId: "o" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DevinConnectionError);
    expect((error as Error).message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/v3\/organizations\/o\/metrics\/usage failed/,
    );
  });

  test("a caller abort while the body arrives is an abort, and a retried status's body is let go", async () => {
    let calls = 0;
    server = await startServer((_request, response) => {
      calls++;
      if (calls === 1) return sendJson(response, 503, { detail: "busy" }, { "retry-after-ms": "1" });
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"sessions_count":');
    });
    const controller = new AbortController();
    const client = createDevinClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 1 });
    const call = getUsageMetrics(client, { orgId: "o" }, { signal: controller.signal }).catch(
      (caught: unknown) => caught,
    );
    setTimeout(() => controller.abort(), 100);
    expect(await call).toBeInstanceOf(DevinAbortError);
    expect(server.requests).toHaveLength(2);
  });

  test("a caller abort mid-request throws an abort error and is not retried", async () => {
    server = await startServer(() => undefined);
    const controller = new AbortController();
    const call = getUsageMetrics(
      createDevinClient({ apiKey: KEY, baseUrl: server.url }),
      { orgId: "o" },
      {
        signal: controller.signal,
      },
    );
    setTimeout(() => controller.abort(), 50);
    const error = await call.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DevinAbortError);
    expect((error as Error).name).toBe("AbortError");
    expect(server.requests).toHaveLength(1);
  });

  test("an abort during the backoff wait stops the retries", async () => {
    server = await startServer((_request, response) => sendJson(response, 503, {}, { "retry-after": "30" }));
    const controller = new AbortController();
    const call = getUsageMetrics(
      createDevinClient({ apiKey: KEY, baseUrl: server.url }),
      { orgId: "o" },
      {
        signal: controller.signal,
      },
    );
    setTimeout(() => controller.abort(), 100);
    await expect(call).rejects.toThrow(DevinAbortError);
    expect(server.requests).toHaveLength(1);
  });

  test.each([
    [false, 1],
    [true, 3],
  ])("a POST is retried only when opted in (retryNonIdempotent: %s → %i tries)", async (retryNonIdempotent, tries) => {
    server = await startServer((_request, response) => sendJson(response, 503, {}, { "retry-after-ms": "1" }));
    const send = createTransport({
      fetch: (request) => fetch(request),
      maxRetries: 2,
      timeoutMs: 5000,
      maxResponseBytes: 1 << 20,
      retryNonIdempotent,
    });
    const response = await send(new Request(`${server.url}/things`, { method: "POST", body: '{"a":1}' }));
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(tries);
    expect(server.requests.every((request) => request.method === "POST")).toBe(true);
  });
});
