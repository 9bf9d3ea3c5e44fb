import { inspect } from "node:util";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  AuthenticationError,
  createDevinClient,
  DevinConfigError,
  DevinConnectionError,
  DevinResponseValidationError,
  DevinTimeoutError,
  getUsageMetrics,
  InternalServerError,
  UnprocessableEntityError,
} from "../../src/index.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";

/** Recognisable, so that any appearance of it anywhere is found. */
const KEY = "cog_LEAK_CHECK_7f3a9b2e";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Every way an error can be shown or logged. */
function renderings(error: unknown): string[] {
  const cause = (error as { cause?: unknown }).cause;
  return [
    String(error),
    (error as Error).message,
    (error as Error).stack ?? "",
    inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    JSON.stringify(error),
    JSON.stringify(error, Object.getOwnPropertyNames(error)),
    inspect(cause, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
  ];
}

describe("the API key", () => {
  test("is required: a clear error at creation names the variable", () => {
    vi.stubEnv("DEVIN_API_KEY", "");
    expect(() => createDevinClient()).toThrow(DevinConfigError);
    expect(() => createDevinClient()).toThrow(/set the DEVIN_API_KEY environment variable/);
  });

  test("comes from DEVIN_API_KEY when not given", async () => {
    vi.stubEnv("DEVIN_API_KEY", KEY);
    server = await startServer((_request, response) =>
      sendJson(response, 200, { sessions_count: 0, searches_count: 0, prs_created_count: 0, prs_merged_count: 0 }),
    );
    await getUsageMetrics(createDevinClient({ baseUrl: server.url }), { orgId: "o" });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  test.each(["http://api.example.com", "http://10.0.0.8:8080", "http://127.example.com"])(
    "is never sent over plain http to %s",
    (baseUrl) => {
      expect(() => createDevinClient({ apiKey: KEY, baseUrl })).toThrow(
        /Refusing to send the API key over plain http to .*: anyone on the network could read it/,
      );
    },
  );

  test.each([
    "http://localhost:1",
    "http://127.0.0.1:2",
    "http://127.1.2.3",
    "http://[::1]:8080",
    "https://api.example.com",
  ])("may be sent to %s", (baseUrl) => {
    expect(() => createDevinClient({ apiKey: KEY, baseUrl })).not.toThrow();
  });

  test("a per-request base URL over plain http is refused before anything is sent", async () => {
    const fetch = vi.fn<(request: Request) => Promise<Response>>();
    const client = createDevinClient({ apiKey: KEY, baseUrl: "https://api.example.com", fetch });
    await expect(
      client.GET("/v3/organizations/{org_id}/metrics/usage", {
        params: { path: { org_id: "o" } },
        baseUrl: "http://api.example.com",
      }),
    ).rejects.toThrow(DevinConfigError);
    expect(fetch).not.toHaveBeenCalled();
  });

  test.each([
    ["a record", { "X-Team": "metrics", authorization: "Bearer other" }],
    ["Headers", new Headers({ "X-Team": "metrics", Authorization: "Bearer other" })],
    [
      "pairs",
      [
        ["X-Team", "metrics"],
        ["AUTHORIZATION", "Bearer other"],
      ] as [string, string][],
    ],
  ])("replaces an Authorization among the client's headers (%s) and keeps the others", async (_kind, headers) => {
    server = await startServer((_request, response) =>
      sendJson(response, 200, { sessions_count: 0, searches_count: 0, prs_created_count: 0, prs_merged_count: 0 }),
    );
    const client = createDevinClient({ apiKey: KEY, baseUrl: server.url, headers });
    await getUsageMetrics(client, { orgId: "o" });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.requests[0]?.headers["x-team"]).toBe("metrics");
    expect(inspect(client, { showHidden: true, depth: 10 })).not.toContain(KEY);
  });

  test("a key without the cog_ prefix gives one warning, which does not show the key", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    createDevinClient({ apiKey: "sk-other-format-key" });
    createDevinClient({ apiKey: "sk-other-format-key-2" });
    createDevinClient({ apiKey: KEY });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('does not start with "cog_"');
    expect(String(warn.mock.calls[0]?.[0])).not.toContain("sk-other");
  });

  const echoes = (request: { headers: Record<string, unknown> }) => String(request.headers.authorization);
  const scenarios: [string, () => Promise<{ url: string; options?: object }>, new (...args: never[]) => Error][] = [
    [
      "a 401 whose body and headers echo the Authorization header",
      async () => {
        server = await startServer((request, response) =>
          sendJson(response, 401, { detail: `bad key ${echoes(request)}` }, { "x-echo": echoes(request) }),
        );
        return { url: server.url };
      },
      AuthenticationError,
    ],
    [
      "a 500 that echoes the key as a header's name (which Headers lower-cases)",
      async () => {
        server = await startServer((_request, response) => {
          response.writeHead(500, { [KEY]: "1", "content-type": "application/json" });
          response.end("{}");
        });
        return { url: server.url };
      },
      InternalServerError,
    ],
    [
      "a 422 whose detail echoes the key",
      async () => {
        server = await startServer((request, response) =>
          sendJson(response, 422, { detail: [{ loc: ["header"], msg: echoes(request), type: "x" }] }),
        );
        return { url: server.url };
      },
      UnprocessableEntityError,
    ],
    [
      "a refused connection",
      async () => {
        const closed = await startServer(() => undefined);
        await closed.close();
        return { url: closed.url };
      },
      DevinConnectionError,
    ],
    [
      "a timeout",
      async () => {
        server = await startServer(() => undefined);
        return { url: server.url, options: { timeoutMs: 50 } };
      },
      DevinTimeoutError,
    ],
    [
      "a 200 whose body puts the key where a number belongs",
      async () => {
        server = await startServer((request, response) =>
          sendJson(response, 200, {
            sessions_count: echoes(request),
            searches_count: 0,
            prs_created_count: 0,
            prs_merged_count: 0,
          }),
        );
        return { url: server.url, options: { validateResponses: true } };
      },
      DevinResponseValidationError,
    ],
  ];

  test.each(scenarios)("never appears in an error: %s", async (_name, setUp, ErrorClass) => {
    const { url, options } = await setUp();
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stderr, "write").mockImplementation(capture);
    vi.spyOn(process.stdout, "write").mockImplementation(capture);
    const client = createDevinClient({ apiKey: KEY, baseUrl: url, maxRetries: 0, ...options });
    const error = await getUsageMetrics(client, { orgId: "o" }).catch((caught: unknown) => caught);
    vi.restoreAllMocks();
    expect(error).toBeInstanceOf(ErrorClass);
    for (const text of [...renderings(error), inspect(client, { showHidden: true, depth: 10 }), written.join("")]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(KEY.slice(4));
      expect(text.toLowerCase()).not.toContain(KEY.toLowerCase());
    }
  });
});
