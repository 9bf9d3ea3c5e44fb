import { afterEach, describe, expect, test } from "vitest";
import {
  AuthenticationError,
  createDevinClient,
  DevinApiError,
  DevinConnectionError,
  getUsageMetrics,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  UnprocessableEntityError,
} from "../../src/index.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";

const KEY = "cog_e2e-test-key-1234567890";
const METRICS = { sessions_count: 12, searches_count: 34, prs_created_count: 5, prs_merged_count: 3 };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function clientFor(url: string) {
  return createDevinClient({ apiKey: KEY, baseUrl: url, maxRetries: 0 });
}

describe("getUsageMetrics against a real HTTP server", () => {
  test("sends GET to the templated path with the query and bearer key, and returns the body", async () => {
    server = await startServer((_request, response) => sendJson(response, 200, METRICS));
    const metrics = await getUsageMetrics(clientFor(server.url), {
      orgId: "org-abc",
      timeAfter: new Date("2026-11-01T00:00:00Z"),
      timeBefore: 1_796_083_200,
    });
    expect(metrics).toEqual(METRICS);
    const [request] = server.requests;
    expect(request?.method).toBe("GET");
    expect(request?.url).toBe("/v3/organizations/org-abc/metrics/usage?time_after=1793491200&time_before=1796083200");
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  test("Date parameters are whole Unix seconds; omitted and null ones are not sent", async () => {
    server = await startServer((_request, response) => sendJson(response, 200, METRICS));
    await getUsageMetrics(clientFor(server.url), {
      orgId: "o",
      timeAfter: new Date(1_700_000_000_999),
      timeBefore: null,
    });
    expect(server.requests[0]?.url).toBe("/v3/organizations/o/metrics/usage?time_after=1700000000");
  });

  test("the org id is percent-encoded and cannot change the path", async () => {
    server = await startServer((_request, response) => sendJson(response, 200, METRICS));
    await getUsageMetrics(clientFor(server.url), { orgId: "a/../b?c#d" });
    expect(server.requests[0]?.url).toBe("/v3/organizations/a%2F..%2Fb%3Fc%23d/metrics/usage");
  });

  test("422 throws UnprocessableEntityError with the spec's detail", async () => {
    const detail = [{ loc: ["query", "time_after"], msg: "Input should be a valid integer", type: "int_parsing" }];
    server = await startServer((_request, response) => sendJson(response, 422, { detail }));
    const error = await getUsageMetrics(clientFor(server.url), { orgId: "o" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    const client = clientFor(server.url);
    if (!client.isErrorOf(error, "GET", "/v3/organizations/{org_id}/metrics/usage")) throw error;
    if (!(error instanceof UnprocessableEntityError)) throw error;
    expect(error.status).toBe(422);
    expect(error.body.detail).toEqual(detail);
    const typed = error;
    expect(typed.message).toBe(
      `GET ${server.url}/v3/organizations/o/metrics/usage failed with 422: query.time_after: Input should be a valid integer`,
    );
  });

  test.each([
    [401, AuthenticationError, { detail: "Invalid API key" }, "Invalid API key"],
    [403, PermissionDeniedError, { detail: "Missing ViewAccountMetrics" }, "Missing ViewAccountMetrics"],
    [404, NotFoundError, "no such organisation", "no such organisation"],
    [500, InternalServerError, "", "(empty body)"],
    [418, DevinApiError, { message: "teapot" }, "teapot"],
  ] as const)("%i throws %o with a useful message", async (status, ErrorClass, body, summary) => {
    server = await startServer((_request, response) => {
      if (typeof body === "string") {
        response.writeHead(status, { "content-type": "text/plain", "x-request-id": "req-1" });
        response.end(body);
      } else {
        sendJson(response, status, body, { "x-request-id": "req-1" });
      }
    });
    const error = await getUsageMetrics(clientFor(server.url), { orgId: "o" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(DevinApiError);
    const apiError = error as DevinApiError;
    expect(apiError.status).toBe(status);
    expect(apiError.requestId).toBe("req-1");
    expect(apiError.headers.get("x-request-id")).toBe("req-1");
    expect(apiError.message).toContain(`failed with ${status}: ${summary}`);
  });

  test("a server that closes the socket gives DevinConnectionError", async () => {
    server = await startServer((request) => {
      request.socket.destroy();
    });
    const error = await getUsageMetrics(clientFor(server.url), { orgId: "o" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DevinConnectionError);
    expect((error as Error).message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/v3\/organizations\/o\/metrics\/usage failed: no response/,
    );
  });

  test("a refused connection gives DevinConnectionError", async () => {
    server = await startServer(() => undefined);
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(getUsageMetrics(clientFor(url), { orgId: "o" })).rejects.toThrow(DevinConnectionError);
  });
});
