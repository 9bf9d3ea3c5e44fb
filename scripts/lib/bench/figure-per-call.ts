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

function quartiles(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] as number;
  return `${at(0.25).toFixed(2)}–${at(0.75).toFixed(2)}`;
}

/**
 * `getUsageMetrics` per call on loopback against openapi-fetch alone and a raw `fetch` of
 * the same URL: sequential calls in short batches, the sides alternating batch by batch,
 * so the machine's drift falls on all of them alike. Each batch's time is divided by the
 * openapi-fetch batch beside it; the figure is the median of those ratios, with the
 * spread (quartiles) beside it.
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
    const sides = {
      openapiFetch: () =>
        plain.GET("/v3/organizations/{org_id}/metrics/usage", { params: { path: { org_id: "org-abc" }, query } }),
      ours: () => getUsageMetrics(client, params),
      fetch: async () => (await fetch(url, { headers: { Authorization: `Bearer ${KEY}` } })).json(),
      validating: () => getUsageMetrics(validating, params),
    };
    const batch = 200;
    const rounds = context.quick ? 15 : 60;
    const micros: Record<keyof typeof sides, number[]> = { openapiFetch: [], ours: [], fetch: [], validating: [] };
    const ratios: Record<keyof typeof sides, number[]> = { openapiFetch: [], ours: [], fetch: [], validating: [] };
    for (let round = -3; round < rounds; round++) {
      const took = {} as Record<keyof typeof sides, number>;
      for (const [name, call] of Object.entries(sides) as [keyof typeof sides, () => Promise<unknown>][]) {
        const started = performance.now();
        for (let index = 0; index < batch; index++) await call();
        took[name] = performance.now() - started;
      }
      if (round < 0) continue; // warm-up
      for (const name of Object.keys(sides) as (keyof typeof sides)[]) {
        micros[name].push((took[name] * 1000) / batch);
        ratios[name].push(took[name] / took.openapiFetch);
      }
    }
    const ratio = median(ratios.ours);
    const show = (name: keyof typeof sides) => `${median(micros[name]).toFixed(0)} µs`;
    context.log(
      `per call: ours ${show("ours")} (${ratio.toFixed(2)}× openapi-fetch, quartiles ${quartiles(ratios.ours)}), openapi-fetch ${show("openapiFetch")}, raw fetch ${show("fetch")} (${median(ratios.fetch).toFixed(2)}×), with response validation ${show("validating")}`,
    );
    return {
      measured: `\`getUsageMetrics\` per call, loopback, ${rounds} rounds of ${batch} sequential calls per side, alternating`,
      ours: `${show("ours")}`,
      baseline: `${show("openapiFetch")} (openapi-fetch alone; raw fetch ${show("fetch")}, ${median(ratios.fetch).toFixed(2)}×; with response validation ${show("validating")}); quartiles of the ratio ${quartiles(ratios.ours)}`,
      ratio,
      goal: "≤ 1.10× openapi-fetch",
      met: ratio <= 1.1,
    };
  } finally {
    server.kill();
  }
}
