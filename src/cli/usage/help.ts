import { DEFAULT_BASE_URL } from "../../client.js";
import { RETRY_POLICY } from "../../retry.js";
import type { CommandHelp } from "../parse-args.js";
import { MAX_FAILURES_IN_A_ROW, MAX_IN_FLIGHT } from "./collect.js";
import { DEFAULT_PROGRESS_EVERY_MS } from "./progress.js";
import { OUTPUT_FORMATS } from "./render.js";
import { MAX_WINDOWS } from "./windows.js";

/** What `devin-usage --help` prints: the whole contract of the command, exit codes included. */
export const USAGE_HELP: CommandHelp = {
  usage: `devin-usage [--org ORG] [--since WHEN] [--until WHEN] [--interval day|week|month] [--format ${OUTPUT_FORMATS.join("|")}] [--resume FILE] [--quiet] [--base-url URL] [--timeout-ms N] [--retries N] [--version]`,
  details: `Prints your organization's Devin usage metrics (the numeric fields of the API's UsageMetrics:
sessions, searches, PRs created, PRs merged, and any the API adds).

Options:
  --org ORG            organization id (default: $DEVIN_ORG_ID)
  --since WHEN         start of the range, inclusive
  --until WHEN         end of the range, exclusive (default: now)
  --interval I         cut the range into calendar days, ISO weeks or months (UTC): one row
                       per window, one request each (at most ${MAX_WINDOWS}, ${MAX_IN_FLIGHT} in flight); needs --since
  --format F           table (default): aligned columns, a total, a sparkline per metric
                         (fitted to the terminal's width, or $COLUMNS, else 80)
                       csv: a header and one record per window; RFC 4180, so every line ends
                         with CRLF; a cell that would start a formula is prefixed with '
                       json: an array of { from, to, ...metrics }, ISO times
                       ndjson: the same objects, one per line
                       openmetrics: OpenMetrics/Prometheus text, one gauge per metric
                         labelled by org and window, ending "# EOF"
                       html: a self-contained page with a chart per metric
  --resume FILE        keep every answer in FILE as it arrives; a run with the same FILE
                       fetches only the windows it does not hold (needs --since)
  -q, --quiet          no progress on stderr (errors are still printed)
  --progress-every S   seconds between progress lines when stderr is not a terminal
                       (default ${DEFAULT_PROGRESS_EVERY_MS / 1000})
  --base-url URL       the API (default: $DEVIN_API_BASE_URL, else ${DEFAULT_BASE_URL})
  --timeout-ms N       per-request timeout (default 60000)
  --retries N          retries of a failed request: no answer, 408, 409, 429, 5xx (default ${RETRY_POLICY.maxRetries})
  --now WHEN           evaluate relative times and the default --until at this instant
                       instead of the current time, for reproducible reports
  --version            print the version and exit

WHEN is an ISO 8601 date (midnight UTC) or date-time (UTC unless it has an offset), Unix
seconds, or a span back from now: 30m, 24h, 7d, 4w. Ranges are half-open, [since, until).
Without --since and --until the API's own default window is used.

Windows are written in order as they arrive (csv and ndjson line by line; the other
formats once all are in). A window that still fails after its retries is named on
stderr and the others are written; the run stops starting windows after a 401, 403, 404
or 429, or after ${MAX_FAILURES_IN_A_ROW} windows in a row failed, and names those it did not fetch.
Ctrl-C or SIGTERM stops the run the same way. Progress goes to stderr: on a terminal a
line redrawn in place, otherwise a line at most every few seconds (none for a short run).

The API key is read from $DEVIN_API_KEY only (never a flag, so it stays out of shell history).

Examples:
  devin-usage --org org-abc --since 7d
  devin-usage --since 2026-10-01 --until 2026-11-01 --interval week
  devin-usage --since 2026-01-01 --interval day --format csv --resume usage.state > usage.csv
  devin-usage --since 30d --interval day --format openmetrics > /var/lib/node_exporter/devin.prom
  devin-usage --since 2026-01-01 --interval week --format html > usage.html

Exit codes (with one line on stderr saying what to do; DEBUG=1 adds the stack):
  0  complete: every window was written
  1  partial: some windows were written, the others are named on stderr
  2  nothing written: bad arguments or configuration (a flag, the organization, the
     base URL), or any failure not below
  3  nothing written: the API refused the key (401) or its permissions (403)
  4  nothing written: the API could not be reached, timed out, or was rate-limiting (429)
     or failing (5xx); worth running again later`,
};
