#!/usr/bin/env node
import { createDevinClient, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from "../client.js";
import { getUsageMetrics } from "../usage-metrics.js";
import { CommandError } from "./command-error.js";
import { ExitCode } from "./exit-codes.js";
import { explainError } from "./explain-error.js";
import { choice, integerInRange, MAX_TIMEOUT_MS, parseCommandArgs } from "./parse-args.js";
import { isExecutedDirectly, runCommand } from "./run-command.js";
import { collectUsage } from "./usage/collect.js";
import { metricFields } from "./usage/metric-fields.js";
import { type OutputFormat, renderUsage, type UsageRow } from "./usage/render.js";
import { parseWhen } from "./usage/when.js";
import { type Interval, MAX_WINDOWS, splitIntoWindows } from "./usage/windows.js";

const help = {
  usage:
    "devin-usage [--org ORG] [--since WHEN] [--until WHEN] [--interval day|week|month] [--format table|json|csv] [--base-url URL] [--timeout-ms N]",
  details: `Prints your organization's Devin usage metrics (sessions, searches, PRs created, PRs merged).

Options:
  --org ORG            organization id (default: $DEVIN_ORG_ID)
  --since WHEN         start of the range, inclusive
  --until WHEN         end of the range, exclusive (default: now)
  --interval I         cut the range into calendar days, ISO weeks or months (UTC): one row
                       per window, a total, and a sparkline per metric (needs --since)
  --format F           table (default), json (an array of { from, to, ...metrics }) or csv
  --base-url URL       the API (default: $DEVIN_API_BASE_URL, else ${DEFAULT_BASE_URL})
  --timeout-ms N       per-request timeout (default 60000)
  --now WHEN           evaluate relative times and the default --until at this instant
                       instead of the current time, for reproducible reports

WHEN is an ISO 8601 date (midnight UTC) or date-time (UTC unless it has an offset), Unix
seconds, or a span back from now: 30m, 24h, 7d, 4w. Ranges are half-open, [since, until).
Without --since and --until the API's own default window is used.

The API key is read from $DEVIN_API_KEY only (never a flag, so it stays out of shell history).

Examples:
  devin-usage --org org-abc --since 7d
  devin-usage --since 2026-10-01 --until 2026-11-01 --interval week
  devin-usage --since 2026-01-01 --interval month --format csv > usage.csv

Exit codes: 0 success; 2 any failure, with one line saying what to do (DEBUG=1 for a stack).`,
};

const usageLine = `usage: ${help.usage}`;

const OPTIONS = {
  org: { type: "string" },
  since: { type: "string" },
  until: { type: "string" },
  interval: { type: "string" },
  format: { type: "string" },
  "base-url": { type: "string" },
  "timeout-ms": { type: "string" },
  now: { type: "string" },
} as const;

/** Shows "fetched 3/12 windows" on a terminal, so a long run is visibly alive. */
function progressReporter(total: number): ((done: number) => void) | undefined {
  if (!process.stderr.isTTY || total <= 4) return undefined;
  return (done) => process.stderr.write(`\rfetched ${done}/${total} windows${done === total ? "\n" : ""}`);
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
  const args = parseCommandArgs(argv, OPTIONS, help);
  if (args === undefined) return ExitCode.ok;
  // Everything is checked before any request is made.
  const interval = choice<Interval>(args.interval, ["day", "week", "month"], "--interval", help.usage);
  const format = choice<OutputFormat>(args.format, ["table", "json", "csv"], "--format", help.usage) ?? "table";
  const orgId = args.org ?? env.DEVIN_ORG_ID;
  if (!orgId)
    throw new CommandError("no organization: pass --org ORG or set DEVIN_ORG_ID", ExitCode.couldNotRun, {
      hint: usageLine,
    });
  const now = args.now === undefined ? new Date() : parseWhen(args.now, new Date(), "--now");
  const since = args.since === undefined ? undefined : parseWhen(args.since, now, "--since");
  const until = args.until === undefined ? (since ? now : undefined) : parseWhen(args.until, now, "--until");
  if (since && until && since >= until) {
    throw new CommandError(`--since (${since.toISOString()}) must be before --until (${until.toISOString()})`);
  }
  if (interval && !since) throw new CommandError("--interval needs --since", ExitCode.couldNotRun, { hint: usageLine });
  const windows = interval && since && until ? splitIntoWindows(since, until, interval, MAX_WINDOWS + 1) : undefined;
  if (windows && windows.length > MAX_WINDOWS) {
    const wider = interval === "day" ? "--interval week or month" : interval === "week" ? "--interval month" : "";
    throw new CommandError(
      `that range has more than ${MAX_WINDOWS} ${interval}s, one request each; ${wider ? `use ${wider} or ` : ""}narrow --since/--until`,
    );
  }
  const timeoutMs = integerInRange(args["timeout-ms"], "--timeout-ms", DEFAULT_TIMEOUT_MS, { max: MAX_TIMEOUT_MS });
  const baseUrl = args["base-url"] ?? env.DEVIN_API_BASE_URL ?? DEFAULT_BASE_URL;
  if (!env.DEVIN_API_KEY)
    throw new CommandError("no API key: set DEVIN_API_KEY to a service user's key (v3 keys start with cog_)");

  try {
    const client = createDevinClient({ apiKey: env.DEVIN_API_KEY, baseUrl, timeoutMs });
    let rows: UsageRow[];
    if (windows) {
      rows = await collectUsage(client, orgId, windows, { onProgress: progressReporter(windows.length) });
    } else {
      const metrics = await getUsageMetrics(client, { orgId, timeAfter: since, timeBefore: until });
      rows = [{ from: since, to: until, metrics }];
    }
    process.stdout.write(renderUsage(rows, metricFields(), format));
    return ExitCode.ok;
  } catch (error) {
    throw explainError(error, baseUrl);
  }
}

if (isExecutedDirectly(import.meta.url)) await runCommand(() => main(process.argv.slice(2)));
