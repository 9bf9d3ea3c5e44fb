import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";

/**
 * What every runtime does with the installed package, as plain JavaScript: the same calls
 * in Node (ESM and CommonJS), Chromium, Deno and Bun, each answer reduced to JSON. `lib`
 * is the package's module, `tag` names the runtime (for the server's per-run state).
 */
export const SCENARIO = `async function scenario(lib, baseUrl, tag) {
  const apiKey = "cog_runtime-matrix";
  const client = lib.createDevinClient({ apiKey, baseUrl, maxRetries: 1 });
  const describe = (error) => ({
    name: error?.name,
    isDevinError: error instanceof lib.DevinError,
    oneLine: typeof error?.message === "string" && !/[\\n\\r]/.test(error.message),
    leaksKey: String(error?.message).includes(apiKey),
  });
  const out = {};
  for (const kind of ["length", "chunked", "gzip"]) {
    out[kind] = (await lib.getUsageMetrics(client, { orgId: "org-" + kind })).sessions_count;
  }
  const missing = await lib.getUsageMetrics(client, { orgId: "org-missing" }).catch((error) => error);
  out.missing = { ...describe(missing), isNotFound: missing instanceof lib.NotFoundError, status: missing.status };
  out.notJson = describe(await lib.getUsageMetrics(client, { orgId: "org-html" }).catch((error) => error));
  out.stall = describe(
    await lib.getUsageMetrics(client, { orgId: "org-stall" }, { timeoutMs: 300, maxRetries: 0 }).catch((error) => error),
  );
  out.retried = (await lib.getUsageMetrics(client, { orgId: "org-flaky-" + tag })).sessions_count;
  const answer = await client.callWithResponse("GET", "/v3/organizations/{org_id}/metrics/usage", {
    params: { path: { org_id: "org-length" } },
  });
  out.withResponse = { status: answer.status, requestId: answer.requestId };
  out.pages = [];
  for await (const page of client.paginate("/v3/organizations/{org_id}/sessions", {
    params: { path: { org_id: "org-list" }, query: { first: 2 } },
  })) out.pages.push(page.items.length);
  const capped = lib.createDevinClient({ apiKey, baseUrl, maxRetries: 0, maxResponseBytes: 10000 });
  out.bomb = describe(await lib.getUsageMetrics(capped, { orgId: "org-bomb" }).catch((error) => error));
  const validating = lib.createDevinClient({ apiKey, baseUrl, validateResponses: true, maxRetries: 0 });
  out.validated = describe(await lib.getUsageMetrics(validating, { orgId: "org-wrong-type" }).catch((error) => error));
  out.refusedCredentials = describe((() => { try { lib.createDevinClient({ apiKey, baseUrl: "https://u:p@example.com" }); } catch (error) { return error; } })());
  return out;
}`;

/** What `SCENARIO` answers in every runtime. */
export const EXPECTED_ANSWERS = {
  length: 1,
  chunked: 2,
  gzip: 3,
  missing: { name: "NotFoundError", isDevinError: true, oneLine: true, leaksKey: false, isNotFound: true, status: 404 },
  notJson: { name: "DevinInvalidResponseError", isDevinError: true, oneLine: true, leaksKey: false },
  stall: { name: "DevinTimeoutError", isDevinError: true, oneLine: true, leaksKey: false },
  retried: 4,
  withResponse: { status: 200, requestId: "req-runtime" },
  pages: [2, 2, 1],
  bomb: { name: "DevinResponseTooLargeError", isDevinError: true, oneLine: true, leaksKey: false },
  validated: { name: "DevinResponseValidationError", isDevinError: true, oneLine: true, leaksKey: false },
  refusedCredentials: { name: "DevinConfigError", isDevinError: true, oneLine: true, leaksKey: false },
};

const METRICS = (sessions: number) =>
  JSON.stringify({ sessions_count: sessions, searches_count: 0, prs_created_count: 0, prs_merged_count: 0 });

export interface ScenarioServer {
  url: string;
  /** Each request: method, path and User-Agent. */
  requests: { method: string; path: string; userAgent: string | undefined }[];
  close(): Promise<void>;
}

/**
 * The API as a real server answers it, on loopback, with the CORS headers a browser on
 * another origin needs (preflight included): bodies with a Content-Length, chunked and
 * gzip-compressed, one that decompresses past the caller's limit, an error, a body that is not JSON, a stall, a 503 then a 200, and a
 * list in cursor pages.
 */
export async function startScenarioServer(): Promise<ScenarioServer> {
  const requests: ScenarioServer["requests"] = [];
  const flaky = new Set<string>();
  const sockets = new Set<Socket>();
  const cors = {
    "access-control-allow-origin": "*",
    // As an API that expects browsers would: what a call sends, not a User-Agent (a browser sends its own).
    "access-control-allow-headers": "authorization, content-type",
    "access-control-allow-methods": "GET, POST",
    "access-control-expose-headers": "x-request-id",
  };
  const send = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, {
      ...cors,
      "content-type": "application/json",
      "x-request-id": "req-runtime",
      ...headers,
    });
    response.end(body);
  };
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method === "OPTIONS") {
      response.writeHead(204, { ...cors, "access-control-max-age": "600" });
      return response.end();
    }
    requests.push({ method: request.method ?? "", path: url.pathname, userAgent: request.headers["user-agent"] });
    const org = url.pathname.split("/")[3] ?? "";
    if (url.pathname.endsWith("/sessions")) {
      const start = Number(url.searchParams.get("after") ?? 0);
      const items = Array.from({ length: Math.min(2, 5 - start) }, (_, index) => ({
        session_id: `devin-${start + index}`,
      }));
      const next = start + items.length;
      return send(
        response,
        200,
        JSON.stringify({ items, has_next_page: next < 5, end_cursor: next < 5 ? String(next) : null }),
      );
    }
    if (org === "org-length") return send(response, 200, METRICS(1), { "content-length": String(METRICS(1).length) });
    if (org === "org-chunked") {
      response.writeHead(200, { ...cors, "content-type": "application/json" });
      response.write(METRICS(2).slice(0, 10));
      return response.end(METRICS(2).slice(10));
    }
    if (org === "org-gzip") {
      const body = gzipSync(METRICS(3));
      return send(response, 200, body as unknown as string, {
        "content-encoding": "gzip",
        "content-length": String(body.length),
      });
    }
    if (org === "org-bomb") {
      // 200 kB once decompressed, well under 10 kB as sent: the Content-Length a browser
      // shows is the compressed size, and CORS hides the Content-Encoding that says so.
      const body = gzipSync(METRICS(5) + " ".repeat(200_000));
      return send(response, 200, body as unknown as string, {
        "content-encoding": "gzip",
        "content-length": String(body.length),
      });
    }
    if (org === "org-missing") return send(response, 404, JSON.stringify({ detail: "no such organization\nreally" }));
    if (org === "org-html")
      return send(response, 200, "<html>cog_runtime-matrix</html>", { "content-type": "text/html" });
    if (org === "org-wrong-type") return send(response, 200, JSON.stringify({ sessions_count: "cog_runtime-matrix" }));
    if (org === "org-stall") {
      response.writeHead(200, { ...cors, "content-type": "application/json", "content-length": "100" });
      return response.write('{"sessions_count":');
    }
    if (org.startsWith("org-flaky")) {
      if (flaky.has(org)) return send(response, 200, METRICS(4));
      flaky.add(org);
      return send(response, 503, JSON.stringify({ detail: "busy" }), { "retry-after-ms": "10" });
    }
    send(response, 404, JSON.stringify({ detail: "unknown" }));
  };
  const server = createServer(handle);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
