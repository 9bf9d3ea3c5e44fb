import { createServer, type Socket } from "node:net";
import { inspect } from "node:util";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  createDevinClient,
  DevinConfigError,
  DevinError,
  getUsageMetrics,
  InternalServerError,
  UnprocessableEntityError,
} from "../../src/index.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";

/** 43 characters, as a v3 key is long; recognisable in any output. */
const KEY = "cog_Zr4Tq8mWk2LxN7vB9pQe3sYh6uJd1aGf5cR0tEi";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const client = (url: string, options: Parameters<typeof createDevinClient>[0] = {}) =>
  createDevinClient({ apiKey: KEY, baseUrl: url, maxRetries: 0, ...options });
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** No control character, line break or bidi control: one line on any terminal. */
const BREAKING = "\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
const ONE_LINE = new RegExp(`^[^${BREAKING}]*$`);

describe("error bodies of any shape end as a DevinApiError with a one-line message", () => {
  test.each([
    // Written as text: JSON.stringify itself cannot write them (it recurses).
    ["a 200 000-deep array", `${"[".repeat(200_000)}"${KEY}"${"]".repeat(200_000)}`, /failed with 500: \[\[\[\[/],
    [
      "a 100 000-deep object",
      `${'{"detail":'.repeat(100_000)}"${KEY}"${"}".repeat(100_000)}`,
      /failed with 500: \{"detail":\{"detail":/,
    ],
  ])("%s, with the key at the bottom", async (_name, text, message) => {
    server = await startServer((_request, response) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(text);
    });
    const error = await caught(getUsageMetrics(client(server.url), { orgId: "o" }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(ONE_LINE);
  });

  test.each([
    [{ detail: [null] }, "null"],
    [
      { detail: [1, "two", { loc: "not a list", msg: "m" }, { loc: [["deep"]], msg: "n" }] },
      '1; "two"; m; ["deep"]: n',
    ],
    [{ detail: [] }, '{"detail":[]}'],
  ])("FastAPI's detail in an unexpected shape: %j", async (body, summary) => {
    server = await startServer((_request, response) => sendJson(response, 422, body));
    const error = await caught(getUsageMetrics(client(server.url), { orgId: "o" }));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as Error).message).toMatch(new RegExp(`failed with 422: ${summary.replace(/[[\]{}()]/g, "\\$&")}$`));
  });

  test("a key echoed in a long body is redacted before the message cuts it", async () => {
    server = await startServer((_request, response) =>
      sendJson(response, 400, { detail: `${"x".repeat(180)} you sent ${KEY}` }),
    );
    const error = (await caught(getUsageMetrics(client(server.url), { orgId: "o" }))) as Error;
    expect(error.message).toContain("you sent [redac");
    for (let start = 0; start + 8 <= KEY.length; start++)
      expect(error.message).not.toContain(KEY.slice(start, start + 8));
  });
});

describe("validateResponses: a key echoed in a mismatched value is redacted before it is cut", () => {
  test("no eight characters of the key survive in the issue", async () => {
    server = await startServer((_request, response) =>
      sendJson(response, 200, {
        sessions_count: `${KEY}`,
        searches_count: 1,
        prs_created_count: 1,
        prs_merged_count: 1,
      }),
    );
    const error = (await caught(
      getUsageMetrics(client(server.url, { validateResponses: true }), { orgId: "o" }),
    )) as Error & { issues: string[] };
    expect(error.issues).toEqual(['/sessions_count: expected integer, got "[redacted]"']);
    const shown = `${error.message}\n${inspect(error, { depth: 5 })}`;
    for (let start = 0; start + 8 <= KEY.length; start++) expect(shown).not.toContain(KEY.slice(start, start + 8));
  });
});

describe("a base URL with credentials in it", () => {
  test.each([
    "https://user:hunter2x@api.example.com",
    "https://hunter2x@api.example.com",
    "http://a:hunter2x@127.0.0.1:1",
  ])("%s is refused when the client is created, without showing them", (baseUrl) => {
    const error = (() => {
      try {
        createDevinClient({ apiKey: KEY, baseUrl });
      } catch (thrown) {
        return thrown as Error;
      }
    })();
    expect(error).toBeInstanceOf(DevinConfigError);
    expect(error?.message).toMatch(/has a user name or password in it; remove it/);
    expect(inspect(error)).not.toContain("hunter2x");
  });
});

describe("any bytes from a server end as a DevinError with a one-line message that never shows the key", () => {
  // A raw TCP server: each connection gets the bytes of the current case, and is closed.
  let answer = Buffer.alloc(0);
  const sockets = new Set<Socket>();
  const raw = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.once("data", () => socket.end(answer));
  });
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(raw.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => raw.close(resolve));
  });

  const text = fc.oneof(
    fc.string(),
    fc.constantFrom(KEY, `Bearer ${KEY}`, encodeURIComponent(KEY)),
    fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)) }),
  );
  const headerName = fc.stringMatching(/^[A-Za-z-]{1,12}$/);
  const framedResponse = fc
    .record({
      status: fc.oneof(fc.integer({ min: 100, max: 999 }), fc.constantFrom(200, 204, 400, 401, 422, 429, 500, 503)),
      reason: text,
      headers: fc.array(
        fc.tuple(
          fc.oneof(
            headerName,
            fc.constantFrom("content-length", "content-encoding", "transfer-encoding", "content-type"),
          ),
          text,
        ),
        { maxLength: 4 },
      ),
      body: fc.oneof(
        text,
        fc.jsonValue().map((value) => JSON.stringify(value)),
        fc.constantFrom('{"detail":[null]}', `{"detail":"${KEY}"}`, "[[[[[[", "\u001b[2J\n::error::x"),
      ),
    })
    .map(({ status, reason, headers, body }) =>
      Buffer.from(
        `HTTP/1.1 ${status} ${reason.replace(/[\r\n]/g, "")}\r\n${headers.map(([name, value]) => `${name}: ${value.replace(/[\r\n]/g, "")}\r\n`).join("")}connection: close\r\n\r\n${body}`,
        "latin1",
      ),
    );
  const garbage = fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes));

  test("framed responses with any status, headers and body, and plain garbage", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(framedResponse, garbage), async (bytes) => {
        answer = bytes;
        const result = await getUsageMetrics(client(url, { timeoutMs: 2_000 }), { orgId: "o" }).then(
          (data) => ({ data }),
          (error: unknown) => ({ error }),
        );
        if ("error" in result) {
          expect(result.error).toBeInstanceOf(DevinError);
          const message = (result.error as Error).message;
          expect(message).toMatch(ONE_LINE);
          expect(`${message}\n${inspect(result.error, { depth: 6 })}`).not.toContain(KEY);
        }
      }),
      { numRuns: 120 },
    );
  });
});
