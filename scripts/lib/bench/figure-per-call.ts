import { spawn } from "node:child_process";
import createClient from "openapi-fetch";
import type { paths } from "../../../generated/devin-v3.js";
import { createDevinClient } from "../../../src/client.js";
import { getUsageMetrics } from "../../../src/usage-metrics.js";
import type { BenchContext, Figure } from "./figure.js";
import { median } from "./measure.js";

/**
 * A loopback server in its own process, so it does not share the event loop being
 * measured. It answers as real servers do, by the organisation asked for: with a
 * Content-Length (`org-length`), chunked (`org-chunked`), or gzip-compressed and chunked
 * (`org-gzip`, what Node's fetch asks for and a server behind a CDN sends).
 */
const SERVER = `
const http = require("node:http");
const zlib = require("node:zlib");
const body = JSON.stringify({ sessions_count: 1, searches_count: 2, prs_created_count: 3, prs_merged_count: 4 });
const gzipped = zlib.gzipSync(body);
http.createServer((request, response) => {
  const kind = request.url.split("/")[3];
  if (kind === "org-chunked") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(body);
  } else if (kind === "org-gzip") {
    response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
    response.end(gzipped);
  } else {
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    response.end(body);
  }
}).listen(0, "127.0.0.1", function () { process.stdout.write(String(this.address().port) + "\\n"); });
`;

const KEY = "cog_benchmark";

/** How a response is framed: each is measured on its own, the sides alternating within it. */
const KINDS = [
  ["org-length", "with a Content-Length"],
  ["org-chunked", "chunked"],
  ["org-gzip", "gzip, chunked"],
] as const;

function quartiles(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] as number;
  return `${at(0.25).toFixed(2)}–${at(0.75).toFixed(2)}`;
}

type Side = () => Promise<unknown>;

/** CPU time of this process (user and system), in microseconds: the client's side of a call, without the server's. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * Sequential calls in short batches, the sides alternating batch by batch (in the reverse
 * order every other round, so drift within a round falls on each side alike). Each
 * batch's time is divided by the openapi-fetch batch of its round; the figure is the
 * median of those ratios. Many short rounds rather than a few long ones: on a shared
 * machine a burst of other work spoils a batch or two, which the median leaves out,
 * where it would shift a long batch. The same ratio of this process's CPU time (the
 * server runs in another) is shown beside it: it does not count time the machine gave
 * to other work.
 */
async function alternate(sides: Record<string, Side>, rounds: number, batch: number) {
  const names = Object.keys(sides);
  const micros: Record<string, number[]> = {};
  const ratios: Record<string, number[]> = {};
  const cpuRatios: Record<string, number[]> = {};
  for (const name of names) {
    micros[name] = [];
    ratios[name] = [];
    cpuRatios[name] = [];
  }
  for (let round = -5; round < rounds; round++) {
    const took: Record<string, number> = {};
    const cpu: Record<string, number> = {};
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const call = sides[name] as Side;
      const cpuStarted = cpuMicros();
      const started = performance.now();
      for (let index = 0; index < batch; index++) await call();
      took[name] = performance.now() - started;
      cpu[name] = cpuMicros() - cpuStarted;
    }
    if (round < 0) continue; // warm-up
    for (const name of names) {
      micros[name]?.push(((took[name] as number) * 1000) / batch);
      ratios[name]?.push((took[name] as number) / (took.openapiFetch as number));
      cpuRatios[name]?.push((cpu[name] as number) / Math.max(1, cpu.openapiFetch as number));
    }
  }
  const show = (name: string) => `${median(micros[name] ?? []).toFixed(0)} µs`;
  return { ratios, cpuRatios, show };
}

/**
 * `getUsageMetrics` per call on loopback against openapi-fetch alone, for each way a
 * response body is framed (`KINDS`); with a Content-Length also against a raw `fetch` of
 * the same URL and with response validation on. One figure per kind.
 */
export async function measurePerCall(context: BenchContext): Promise<Figure[]> {
  const server = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await new Promise<string>((resolve) =>
      server.stdout.once("data", (data: Buffer) => resolve(String(data).trim())),
    );
    const baseUrl = `http://127.0.0.1:${port}`;
    const client = createDevinClient({ apiKey: KEY, baseUrl });
    const validating = createDevinClient({ apiKey: KEY, baseUrl, validateResponses: true });
    const plain = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${KEY}` } });
    const times = { timeAfter: new Date("2026-11-01T00:00:00Z"), timeBefore: new Date("2026-11-02T00:00:00Z") };
    const query = { time_after: 1793491200, time_before: 1793577600 };
    const batch = 40;
    const rounds = context.quick ? 60 : 300;
    const figures: Figure[] = [];
    for (const [orgId, kind] of KINDS) {
      const url = `${baseUrl}/v3/organizations/${orgId}/metrics/usage?time_after=1793491200&time_before=1793577600`;
      const sides: Record<string, Side> = {
        openapiFetch: () =>
          plain.GET("/v3/organizations/{org_id}/metrics/usage", { params: { path: { org_id: orgId }, query } }),
        ours: () => getUsageMetrics(client, { orgId, ...times }),
      };
      if (orgId === "org-length") {
        sides.fetch = async () => (await fetch(url, { headers: { Authorization: `Bearer ${KEY}` } })).json();
        sides.validating = () => getUsageMetrics(validating, { orgId, ...times });
      }
      const { ratios, cpuRatios, show } = await alternate(sides, rounds, batch);
      const ratio = median(ratios.ours ?? []);
      const cpu = `client CPU ${median(cpuRatios.ours ?? []).toFixed(2)}× (quartiles ${quartiles(cpuRatios.ours ?? [])})`;
      const extra =
        orgId === "org-length"
          ? `; raw fetch ${show("fetch")}, ${median(ratios.fetch ?? []).toFixed(2)}×; with response validation ${show("validating")}`
          : "";
      context.log(
        `per call, ${kind}: ours ${show("ours")} (${ratio.toFixed(2)}× openapi-fetch, quartiles ${quartiles(ratios.ours ?? [])}; ${cpu}), openapi-fetch ${show("openapiFetch")}${extra}`,
      );
      figures.push({
        measured: `\`getUsageMetrics\` per call, response ${kind}, loopback, ${rounds} rounds of ${batch} sequential calls per side, alternating`,
        ours: show("ours"),
        baseline: `${show("openapiFetch")} (openapi-fetch alone${extra}); quartiles of the ratio ${quartiles(ratios.ours ?? [])}; ${cpu}`,
        ratio,
        goal: "≤ 1.10× openapi-fetch",
        met: ratio <= 1.1,
      });
    }
    return figures;
  } finally {
    server.kill();
  }
}
