import { afterEach, describe, expect, test, vi } from "vitest";
import { createDevinClient, DevinAbortError, getUsageMetrics, PACKAGE_VERSION } from "../../src/index.js";
import type { paths as ThreePaths } from "../fixtures/generated/three-ops/devin-v3.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";

const KEY = "cog_planned-request-test";
const METRICS = { sessions_count: 1, searches_count: 2, prs_created_count: 3, prs_merged_count: 4 };
const SESSION = { session_id: "devin-1", org_id: "org-1", status: "running", created_at: 1, updated_at: 2 };
const SESSIONS = "/v3/organizations/{org_id}/sessions";

let server: TestServer | undefined;
afterEach(async () => {
  vi.unstubAllGlobals();
  await server?.close();
  server = undefined;
});

/**
 * `Request` replaced by a subclass that counts what the client builds (openapi-fetch takes
 * `globalThis.Request` when a client is created; fetch builds its own with an internal
 * class, which is not counted).
 */
function countRequests(): { built: Request[] } {
  const built: Request[] = [];
  class CountedRequest extends Request {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(input, init);
      built.push(this);
    }
  }
  vi.stubGlobal("Request", CountedRequest);
  return { built };
}

/** Answers JSON to each request, with the body it received echoed back in `x-received-body`. */
async function echoServer(status = (_index: number) => 200) {
  return startServer(async (request, response, index) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    const answer = request.url?.includes("/metrics/") ? METRICS : SESSION;
    sendJson(response, status(index), answer, { "x-received-body": encodeURIComponent(body) });
  });
}

/** A session POSTed (with `extra` in its init) to a server that answers 503 once: what was built, and the answer. */
async function postRetriedOnce(extra: object) {
  const { built } = countRequests();
  const started = await echoServer((index) => (index === 0 ? 503 : 200));
  server = started;
  const client = createDevinClient<ThreePaths>({ apiKey: KEY, baseUrl: started.url, retryNonIdempotent: true });
  const answer = await client.callWithResponse("POST", SESSIONS, {
    params: { path: { org_id: "org-1" } },
    body: { prompt: "Fix it" },
    ...extra,
  });
  return { built, answer, requests: started.requests };
}

describe("a call builds no Request of its own when nothing else sees it (PlannedRequest)", () => {
  test("getUsageMetrics: no Request built before fetch's own, and the server gets the same request", async () => {
    const { built } = countRequests();
    server = await echoServer();
    const client = createDevinClient({ apiKey: KEY, baseUrl: server.url });
    const times = { timeAfter: new Date("2026-11-01T00:00:00Z") };
    await expect(getUsageMetrics(client, { orgId: "org 1", ...times })).resolves.toEqual(METRICS);
    expect(built).toHaveLength(0);
    const [received] = server.requests;
    expect(received?.method).toBe("GET");
    expect(received?.url).toBe("/v3/organizations/org%201/metrics/usage?time_after=1793491200");
    expect(received?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(received?.headers["user-agent"]).toBe(`devin-v3-client/${PACKAGE_VERSION}`);
  });

  test("a POST with a JSON body: none built, the body and its content type sent on every try", async () => {
    const { built, answer, requests } = await postRetriedOnce({});
    expect(built).toHaveLength(0);
    expect(requests.map((request) => request.headers["content-type"])).toEqual([
      "application/json",
      "application/json",
    ]);
    expect(decodeURIComponent(answer.headers.get("x-received-body") ?? "")).toBe('{"prompt":"Fix it"}');
  });

  test("a FormData body (sent as given by openapi-fetch's serializer): none built, the form sent on every try", async () => {
    const { built } = countRequests();
    server = await echoServer((index) => (index === 0 ? 503 : 200));
    const client = createDevinClient<ThreePaths>({ apiKey: KEY, baseUrl: server.url, retryNonIdempotent: true });
    const form = new FormData();
    form.set("prompt", "Fix it");
    const answer = await client.callWithResponse("POST", SESSIONS, {
      params: { path: { org_id: "org-1" } },
      body: form as never,
    });
    expect(built).toHaveLength(0);
    expect(server.requests.map((request) => request.headers["content-type"])).toEqual([
      expect.stringMatching(/^multipart\/form-data; boundary=/),
      expect.stringMatching(/^multipart\/form-data; boundary=/),
    ]);
    expect(decodeURIComponent(answer.headers.get("x-received-body") ?? "")).toMatch(/name="prompt"\r\n\r\nFix it\r\n/);
  });

  test("the caller's signal still aborts a planned call", async () => {
    server = await startServer(() => undefined); // never answers
    const client = createDevinClient({ apiKey: KEY, baseUrl: server.url });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 50);
    await expect(getUsageMetrics(client, { orgId: "o" }, { signal: controller.signal })).rejects.toThrow(
      DevinAbortError,
    );
  });
});

describe("anything that would see the difference gets a real Request", () => {
  test("middleware added with client.use is handed a Request", async () => {
    const { built } = countRequests();
    server = await echoServer();
    const client = createDevinClient({ apiKey: KEY, baseUrl: server.url });
    const seen: unknown[] = [];
    client.use({ onRequest: ({ request }) => void seen.push(request) });
    await expect(getUsageMetrics(client, { orgId: "o" })).resolves.toEqual(METRICS);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Request);
    expect(built).toHaveLength(1);
  });

  test("response validation (a middleware of the client's own) gets one too", async () => {
    const { built } = countRequests();
    server = await echoServer();
    const client = createDevinClient({ apiKey: KEY, baseUrl: server.url, validateResponses: true });
    await expect(getUsageMetrics(client, { orgId: "o" })).resolves.toEqual(METRICS);
    expect(built).toHaveLength(1);
  });

  test("a fetch of the caller's is handed a Request with the key and the try's signal", async () => {
    server = await echoServer();
    const handed: Request[] = [];
    const client = createDevinClient({
      apiKey: KEY,
      baseUrl: server.url,
      fetch: (request) => {
        handed.push(request);
        return fetch(request);
      },
    });
    await expect(getUsageMetrics(client, { orgId: "o" })).resolves.toEqual(METRICS);
    expect(handed).toHaveLength(1);
    expect(handed[0]).toBeInstanceOf(Request);
    expect(handed[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(handed[0]?.signal.aborted).toBe(false);
  });

  test.each([
    ["a RequestInit member the planned request does not carry (cache)", { cache: "no-store" as const }],
    [
      "a body serializer's body that is not text (a Blob)",
      { bodySerializer: (body: unknown) => new Blob([JSON.stringify(body)]) },
    ],
  ])("%s: a real Request, and the body sent on every try", async (_name, extra) => {
    const { built, answer, requests } = await postRetriedOnce(extra);
    expect(built.length).toBeGreaterThanOrEqual(1);
    expect(requests).toHaveLength(2);
    expect(decodeURIComponent(answer.headers.get("x-received-body") ?? "")).toBe('{"prompt":"Fix it"}');
  });
});
