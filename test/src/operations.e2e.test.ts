import { inspect } from "node:util";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  createDevinClient,
  DevinConfigError,
  DevinError,
  DevinInvalidResponseError,
  InternalServerError,
  PACKAGE_VERSION,
  UnprocessableEntityError,
} from "../../src/index.js";
import type { paths as ListPaths } from "../fixtures/generated/sessions-list/devin-v3.js";
import type { paths as ThreePaths } from "../fixtures/generated/three-ops/devin-v3.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";

const KEY = "cog_Zr4Tq8operations-e2e";
const SESSION = { session_id: "devin-1", org_id: "org-1", status: "running", created_at: 1, updated_at: 2 };
const VALIDATION = { detail: [{ loc: ["body", "prompt"], msg: "Field required", type: "missing" }] };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const clientOf = <Paths extends {}>(url: string) =>
  createDevinClient<Paths>({ apiKey: KEY, baseUrl: url, maxRetries: 0 });
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("the three published operations through one client", () => {
  test("GET a session: the body, and with callWithResponse its status, headers and request id", async () => {
    server = await startServer((_request, response) => sendJson(response, 200, SESSION, { "x-request-id": "req-7" }));
    const client = clientOf<ThreePaths>(server.url);
    const init = { params: { path: { org_id: "org-1", devin_id: "devin 1" } } };
    await expect(client.call("GET", "/v3/organizations/{org_id}/sessions/{devin_id}", init)).resolves.toEqual(SESSION);
    const answer = await client.callWithResponse("GET", "/v3/organizations/{org_id}/sessions/{devin_id}", init);
    expect(answer.data).toEqual(SESSION);
    expect(answer.status).toBe(200);
    expect(answer.requestId).toBe("req-7");
    expect(answer.headers.get("content-type")).toBe("application/json");
    const sent = server.requests[0];
    expect(sent?.url).toBe("/v3/organizations/org-1/sessions/devin%201");
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent?.headers["user-agent"]).toBe(`devin-v3-client/${PACKAGE_VERSION}`);
  });

  test("in a browser page or worker the browser's own User-Agent goes, not ours (a CORS preflight would need it allowed)", async () => {
    server = await startServer((_request, response) => sendJson(response, 200, SESSION));
    const init = { params: { path: { org_id: "org-1", devin_id: "devin-1" } } };
    for (const global of ["document", "WorkerGlobalScope"]) {
      vi.stubGlobal(global, {});
      try {
        await clientOf<ThreePaths>(server.url).call("GET", "/v3/organizations/{org_id}/sessions/{devin_id}", init);
      } finally {
        vi.unstubAllGlobals();
      }
    }
    await clientOf<ThreePaths>(server.url).call("GET", "/v3/organizations/{org_id}/sessions/{devin_id}", init);
    const agents = server.requests.map((request) => request.headers["user-agent"]);
    expect(agents.slice(0, 2).filter((agent) => agent?.startsWith("devin-v3-client/"))).toEqual([]);
    expect(agents[2]).toBe(`devin-v3-client/${PACKAGE_VERSION}`);
  });

  test("POST a session sends the JSON body once, and a 422 is the operation's typed error", async () => {
    server = await startServer(async (request, response) => {
      let text = "";
      for await (const chunk of request) text += chunk;
      if (JSON.parse(text).prompt === "") sendJson(response, 422, VALIDATION);
      else sendJson(response, 200, SESSION);
    });
    const client = clientOf<ThreePaths>(server.url);
    const path = { org_id: "org-1" };
    await expect(
      client.call("POST", "/v3/organizations/{org_id}/sessions", { params: { path }, body: { prompt: "Fix it" } }),
    ).resolves.toEqual(SESSION);
    const error = await caught(
      client.call("POST", "/v3/organizations/{org_id}/sessions", { params: { path }, body: { prompt: "" } }),
    );
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(client.isErrorOf(error, "POST", "/v3/organizations/{org_id}/sessions")).toBe(true);
    expect(client.isErrorOf(error, "GET", "/v3/organizations/{org_id}/sessions/{devin_id}")).toBe(false);
    if (!client.isErrorOf(error, "POST", "/v3/organizations/{org_id}/sessions")) return;
    if (!(error instanceof UnprocessableEntityError)) return;
    expect(error.body.detail?.[0]?.msg).toBe("Field required");
    expect(error.message).toBe(
      `POST ${server.url}/v3/organizations/org-1/sessions failed with 422: body.prompt: Field required`,
    );
    expect(error.operation).toBe("POST /v3/organizations/{org_id}/sessions");
  });

  test("a POST is not retried on a 503 unless asked (it is not idempotent)", async () => {
    server = await startServer((_request, response) => sendJson(response, 503, "down", { "retry-after-ms": "1" }));
    const client = createDevinClient<ThreePaths>({ apiKey: KEY, baseUrl: server.url });
    const init = { params: { path: { org_id: "o" } }, body: { prompt: "p" } };
    expect(await caught(client.call("POST", "/v3/organizations/{org_id}/sessions", init))).toBeInstanceOf(
      InternalServerError,
    );
    expect(server.requests).toHaveLength(1);
    await caught(
      client.call("GET", "/v3/organizations/{org_id}/sessions/{devin_id}", {
        params: { path: { org_id: "o", devin_id: "d" } },
        maxRetries: 1,
      }),
    );
    expect(server.requests).toHaveLength(3);
  });

  test.each([
    ["with a Content-Length", { "content-length": String(`{"id": ${KEY}`.length) }],
    ["chunked", {}],
  ])("a 2xx body that is not JSON (%s) is DevinInvalidResponseError, without quoting it", async (_kind, headers) => {
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", ...headers });
      response.end(`{"id": ${KEY}`);
    });
    const error = await caught(
      clientOf<ThreePaths>(server.url).call("GET", "/v3/organizations/{org_id}/sessions/{devin_id}", {
        params: { path: { org_id: "o", devin_id: "d" } },
      }),
    );
    expect(error).toBeInstanceOf(DevinInvalidResponseError);
    expect((error as Error).message).toBe(
      `GET ${server.url}/v3/organizations/o/sessions/d answered 2xx with a body that is not JSON`,
    );
    expect(inspect(error, { depth: 10 })).not.toContain("Zr4Tq8");
  });

  test("an empty 200 is DevinInvalidResponseError; a 204 has no body to expect", async () => {
    server = await startServer((_request, response, index) => {
      response.writeHead(index === 0 ? 200 : 204, index === 0 ? { "content-length": "0" } : {});
      response.end();
    });
    const client = clientOf<ThreePaths>(server.url);
    const init = { params: { path: { org_id: "o", devin_id: "d" } } };
    const error = await caught(client.call("GET", "/v3/organizations/{org_id}/sessions/{devin_id}", init));
    expect(error).toBeInstanceOf(DevinInvalidResponseError);
    expect((error as Error).message).toMatch(/answered 200 with an empty body, not JSON$/);
    await expect(
      client.callWithResponse("GET", "/v3/organizations/{org_id}/sessions/{devin_id}", init),
    ).resolves.toMatchObject({
      data: undefined,
      status: 204,
    });
  });

  test("a per-call base URL with a password is refused before anything is sent, without showing it", async () => {
    server = await startServer((_request, response) => sendJson(response, 200, SESSION));
    const error = await caught(
      clientOf<ThreePaths>(server.url).call("GET", "/v3/organizations/{org_id}/sessions/{devin_id}", {
        params: { path: { org_id: "o", devin_id: "d" } },
        baseUrl: "https://user:hunter2@api.example.com",
      }),
    );
    expect(error).toBeInstanceOf(DevinConfigError);
    expect(inspect(error)).not.toContain("hunter2");
    expect(server.requests).toEqual([]);
  });
});

describe("paginate: every page of the list operation", () => {
  /** A server with `count` sessions, `first` per page, cursors as base64 of the next index. */
  function listServer(count: number, options: { cursor?: (next: number) => string | null } = {}) {
    return startServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://x");
      const first = Number(url.searchParams.get("first") ?? 100);
      const after = url.searchParams.get("after");
      const decoded = after === null ? 0 : Number(Buffer.from(after, "base64url").toString());
      const start = Number.isInteger(decoded) ? decoded : 1; // a cursor not of this server's making: page 2 again
      const items = Array.from({ length: Math.min(first, count - start) }, (_, index) => ({
        ...SESSION,
        session_id: `devin-${start + index}`,
      }));
      const next = start + items.length;
      const hasNext = next < count;
      const cursor = options.cursor ?? ((at: number) => Buffer.from(String(at)).toString("base64url"));
      sendJson(response, 200, {
        items,
        has_next_page: hasNext,
        end_cursor: hasNext ? cursor(next) : null,
        total: count,
      });
    });
  }

  test("follows end_cursor as after until has_next_page is false, keeping the caller's query", async () => {
    server = await listServer(7);
    const client = clientOf<ListPaths>(server.url);
    const seen: string[] = [];
    for await (const page of client.paginate("/v3/organizations/{org_id}/sessions", {
      params: { path: { org_id: "org-1" }, query: { first: 3, tags: ["nightly"] } },
    })) {
      for (const session of page.items) seen.push(session.session_id);
    }
    expect(seen).toEqual(Array.from({ length: 7 }, (_, index) => `devin-${index}`));
    expect(server.requests.map((request) => request.url)).toEqual([
      "/v3/organizations/org-1/sessions?first=3&tags=nightly",
      "/v3/organizations/org-1/sessions?first=3&tags=nightly&after=Mw",
      "/v3/organizations/org-1/sessions?first=3&tags=nightly&after=Ng",
    ]);
  });

  test("pages are fetched as the loop asks: breaking out sends no more requests", async () => {
    server = await listServer(10);
    for await (const page of clientOf<ListPaths>(server.url).paginate("/v3/organizations/{org_id}/sessions", {
      params: { path: { org_id: "o" }, query: { first: 2 } },
    })) {
      expect(page.items).toHaveLength(2);
      break;
    }
    expect(server.requests).toHaveLength(1);
  });

  test.each([
    ["says there is a next page but gives no cursor", () => null, /has_next_page: true without an end_cursor$/],
    ["gives the same cursor again", () => "same", /end_cursor of an earlier page again after 2 pages/],
  ])("a server that %s is a DevinInvalidResponseError, not a loop", async (_name, cursor, message) => {
    server = await listServer(1000, { cursor });
    const pages: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const page of clientOf<ListPaths>(server.url).paginate("/v3/organizations/{org_id}/sessions", {
          params: { path: { org_id: "o" }, query: { first: 1 } },
        }))
          pages.push(page);
      })(),
    );
    expect(error).toBeInstanceOf(DevinInvalidResponseError);
    expect((error as Error).message).toMatch(message);
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });

  test("a loop resumed from a saved cursor whose page gives that cursor back stops at once, no page twice", async () => {
    server = await startServer((request, response) => {
      const after = new URL(request.url ?? "/", "http://x").searchParams.get("after");
      sendJson(response, 200, {
        items: [{ ...SESSION, session_id: `after-${after}` }],
        has_next_page: true,
        end_cursor: after,
      });
    });
    const pages: string[] = [];
    const error = await caught(
      (async () => {
        for await (const page of clientOf<ListPaths>(server.url).paginate("/v3/organizations/{org_id}/sessions", {
          params: { path: { org_id: "o" }, query: { after: "c5" } },
        }))
          for (const session of page.items) pages.push(session.session_id);
      })(),
    );
    expect(error).toBeInstanceOf(DevinInvalidResponseError);
    expect(pages).toEqual(["after-c5"]);
    expect(server.requests).toHaveLength(1);
  });

  test("an error answer on a later page is that operation's typed error", async () => {
    server = await startServer((request, response) =>
      request.url?.includes("after=")
        ? sendJson(response, 422, VALIDATION)
        : sendJson(response, 200, { items: [], has_next_page: true, end_cursor: "c1" }),
    );
    const client = clientOf<ListPaths>(server.url);
    const error = await caught(
      (async () => {
        for await (const _page of client.paginate("/v3/organizations/{org_id}/sessions", {
          params: { path: { org_id: "o" } },
        }));
      })(),
    );
    expect(error).toBeInstanceOf(DevinError);
    expect(client.isErrorOf(error, "GET", "/v3/organizations/{org_id}/sessions")).toBe(true);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
  });
});
