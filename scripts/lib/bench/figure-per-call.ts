import { spawn } from "node:child_process";
import createClient from "openapi-fetch";
import type { paths } from "../../../generated/devin-v3.js";
import { createDevinClient } from "../../../src/client.js";
import { getUsageMetrics } from "../../../src/usage-metrics.js";
import type { BenchContext, Figure } from "./figure.js";
import { median } from "./measure.js";

/** A loopback server in its own process, so it does not share the event loop being measured. */
const SERVER = `
const http = require("node:http");
const body = JSON.stringify({ sessions_count: 1, searches_count: 2, prs_created_count: 3, prs_merged_count: 4 });
http.createServer((request, response) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
}).listen(0, "127.0.0.1", function () { process.stdout.write(String(this.address().port) + "\\n"); });
`;

const KEY = "cog_benchmark";

/**
 * `getUsageMetrics` per call on loopback against a raw `fetch` of the same URL (and,
 * for the record, openapi-fetch alone): sequential calls, rounds alternating, medians.
 */
export async function measurePerCall(context: BenchContext): Promise<Figure> {
  const server = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await new Promise<string>((resolve) =>
      server.stdout.once("data", (data: Buffer) => resolve(String(data).trim())),
    );
    const baseUrl = `http://127.0.0.1:${port}`;
    const url = `${baseUrl}/v3/organizations/org-abc/metrics/usage?time_after=1793491200&time_before=1793577600`;
    const client = createDevinClient({ apiKey: KEY, baseUrl });
    const validating = createDevinClient({ apiKey: KEY, baseUrl, validateResponses: true });
    const plain = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${KEY}` } });
    const params = {
      orgId: "org-abc",
      timeAfter: new Date("2026-11-01T00:00:00Z"),
      timeBefore: new Date("2026-11-02T00:00:00Z"),
    };
    const query = { time_after: 1793491200, time_before: 1793577600 };
    const calls = context.quick ? 1000 : 5000;
    const sides = {
      ours: () => getUsageMetrics(client, params),
      validating: () => getUsageMetrics(validating, params),
      fetch: async () => (await fetch(url, { headers: { Authorization: `Bearer ${KEY}` } })).json(),
      openapiFetch: () =>
        plain.GET("/v3/organizations/{org_id}/metrics/usage", { params: { path: { org_id: "org-abc" }, query } }),
    };
    const perCall: Record<keyof typeof sides, number[]> = { ours: [], validating: [], fetch: [], openapiFetch: [] };
    for (let round = -1; round < 3; round++) {
      for (const [name, call] of Object.entries(sides) as [keyof typeof sides, () => Promise<unknown>][]) {
        const started = performance.now();
        for (let index = 0; index < (round < 0 ? 500 : calls); index++) await call();
        if (round >= 0) perCall[name].push(((performance.now() - started) * 1000) / calls);
      }
    }
    const ours = median(perCall.ours);
    const raw = median(perCall.fetch);
    const ratio = ours / raw;
    const validation = median(perCall.validating) - ours;
    context.log(
      `per call: ours ${ours.toFixed(0)} µs, with response validation +${validation.toFixed(0)} µs, fetch ${raw.toFixed(0)} µs, openapi-fetch alone ${median(perCall.openapiFetch).toFixed(0)} µs`,
    );
    return {
      measured: `\`getUsageMetrics\` per call, loopback, ${calls} sequential × 3 rounds`,
      ours: `${ours.toFixed(0)} µs`,
      baseline: `${raw.toFixed(0)} µs (raw fetch; openapi-fetch alone ${median(perCall.openapiFetch).toFixed(0)} µs; response validation adds ${validation.toFixed(0)} µs)`,
      ratio,
      goal: "≤ 1.05×",
      met: ratio <= 1.05,
    };
  } finally {
    server.kill();
  }
}
