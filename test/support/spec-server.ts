import type { IncomingMessage, ServerResponse } from "node:http";
import { startServer, type TestServer } from "./http-server.js";

/** How the server answers one path: a fixed reply, or a handler for anything unusual. */
export type Route =
  | { status?: number; body: string | Buffer; headers?: Record<string, string> }
  | ((request: IncomingMessage, response: ServerResponse, hits: number) => void);

/** A real HTTP server on 127.0.0.1 that serves documents by path; counts hits per path. */
export async function startSpecServer(
  routes: Record<string, Route>,
): Promise<TestServer & { hits: Map<string, number> }> {
  const hits = new Map<string, number>();
  const server = await startServer((request, response) => {
    const path = request.url ?? "/";
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    const route = routes[path];
    if (route === undefined) {
      // Like a docs site: unknown paths answer 200 with an HTML page.
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<!doctype html><html><body>Page not found</body></html>");
    } else if (typeof route === "function") {
      route(request, response, count);
    } else {
      response.writeHead(route.status ?? 200, { "content-type": "application/yaml", ...route.headers });
      response.end(route.body);
    }
  });
  return Object.assign(server, { hits });
}

/** Documents and behaviours that spec:fetch and spec:diff must refuse with exit 2. */
export const BAD_SOURCES: [string, Route, RegExp][] = [
  [
    "a Swagger 2.0 document",
    { body: "swagger: '2.0'\ninfo: { title: t, version: '1' }\npaths: {}\n" },
    /is a Swagger 2\.0 document/,
  ],
  [
    "an HTML page",
    { body: "<!doctype html><html><body>Docs</body></html>", headers: { "content-type": "text/html" } },
    /is an HTML or XML page/,
  ],
  ["an empty body", { body: "" }, /is empty; expected an OpenAPI document/],
  [
    "a truncated body",
    (_request, response) => {
      response.writeHead(200, { "content-type": "application/yaml", "content-length": "900" });
      response.write("openapi: 3.1.0\npaths:\n  /a:\n");
      setTimeout(() => response.socket?.destroy(), 20);
    },
    /was cut short.*gave up after 2 tries/,
  ],
  [
    "a body over the size cap",
    { body: `openapi: 3.1.0\n# ${"x".repeat(5000)}\npaths: {}\n` },
    /the 1000-byte limit \(--max-bytes\)/,
  ],
  ["a 404", { status: 404, body: "not found" }, /answered 404 Not Found/],
  [
    "a redirect loop",
    (request, response) => {
      response.writeHead(302, { location: request.url ?? "/" });
      response.end();
    },
    /redirects in a loop/,
  ],
  ["a source that never answers", () => undefined, /did not answer within 300 ms/],
  [
    "a structurally invalid document",
    { body: "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      responses: 5\n" },
    /not a valid OpenAPI document: .* at #\/paths\/~1a\/get\/responses/,
  ],
  [
    "a document whose components are structurally invalid",
    {
      body: "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    A: { type: object, properties: 7 }\n",
    },
    /not a valid OpenAPI document: .* at #\/components\/schemas\/A\/properties/,
  ],
  ["OpenAPI 2.5", { body: "openapi: 2.5.0\npaths: {}\n" }, /is OpenAPI 2\.5\.0; only 3\.0\.x and 3\.1\.x/],
];
