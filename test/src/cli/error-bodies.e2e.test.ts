import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ACTING_IN_LINES } from "../../support/acting-characters.js";
import { runDevinUsage } from "../../support/devin-usage-cli.js";
import type { TestServer } from "../../support/http-server.js";
import { type Answer, startUsageServer, USAGE_KEY } from "../../support/usage-server.js";

/** Each organization id is answered with one error, as a real server or the proxy before it might. */
const DEEP = `{"error":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
const NO_WAIT = { "retry-after-ms": "0" };
const ANSWERS: Record<string, Answer> = {
  "org-http-exception": { status: 422, body: { detail: "Organization is archived" } },
  "org-loc-not-a-list": { status: 422, body: { detail: [{ loc: "query", msg: "bad time", type: "value_error" }] } },
  "org-detail-null": { status: 422, body: { detail: [null] } },
  "org-deep-500": { status: 500, text: DEEP, headers: NO_WAIT },
  "org-proxy-502": {
    status: 502,
    text: "<html>\u001b]0;owned\u0007<body>Bad Gateway\u001b[2J</body></html>",
    headers: { ...NO_WAIT, "content-type": "text/html" },
  },
  "org-missing": { status: 404, body: { detail: "Not Found" } },
  "org-limited": { status: 429, body: { detail: "slow down" }, headers: { "retry-after": "120" } },
};

let server: TestServer;
beforeAll(async () => {
  server = await startUsageServer({
    answer: ({ request }) => ANSWERS[/organizations\/([^/]+)\//.exec(request.url ?? "")?.[1] ?? ""],
  });
});
afterAll(async () => {
  await server?.close();
});

describe("every error body gives one line and an exit code a scheduler can act on", () => {
  test.each([
    [
      "a 422 with FastAPI's HTTPException shape",
      "org-http-exception",
      2,
      /^the server rejected the request \(422\): Organization is archived$/,
    ],
    [
      "a 422 whose loc is not a list",
      "org-loc-not-a-list",
      2,
      /^the server rejected the request \(422\): query: bad time$/,
    ],
    // Until the client summarises `[null]` itself, the command still says it in one line.
    ["a 422 with detail [null]", "org-detail-null", 2, /^the server rejected the request \(422\)[,:] .+$/],
    [
      "a 500 nested 100 000 levels deep",
      "org-deep-500",
      4,
      /^the API failed \(500 after 3 tries\)[,:] .+; the fault is on the API's side: try again later$/,
    ],
    [
      "a 502 from a proxy, in HTML with terminal escapes",
      "org-proxy-502",
      4,
      /^the API failed \(502 after 3 tries\): <html>\\u001b\]0;owned\\u0007<body>Bad Gateway\\u001b\[2J<\/body><\/html>; the fault is on the API's side: try again later$/,
    ],
    [
      "a 404: is the organization right?",
      "org-missing",
      2,
      /^not found \(404\): Not Found; is the organization "org-missing" right \(--org or DEVIN_ORG_ID\), and http:\/\/127\.0\.0\.1:\d+ the Devin API \(--base-url\)\?$/,
    ],
    [
      "a 429: when to try again",
      "org-limited",
      4,
      /^rate-limited \(429\): slow down; the API asks to wait 120 s \(Retry-After\) before running again$/,
    ],
  ])("%s", async (_name, org, code, message) => {
    const result = await runDevinUsage(["--org", org, "--retries", org === "org-limited" ? "0" : "2"], {
      DEVIN_API_KEY: USAGE_KEY,
      DEVIN_API_BASE_URL: server.url,
    });
    expect(result.stdout).toBe("");
    expect(result.code).toBe(code);
    const lines = result.stderr.split("\n");
    expect(lines, result.stderr).toHaveLength(2);
    expect(lines[1]).toBe("");
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]?.slice("error: ".length)).toMatch(message);
    expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(result.stderr).not.toMatch(ACTING_IN_LINES);
  });
});
