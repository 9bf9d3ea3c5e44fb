import { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from "../../client.js";
import { RETRY_POLICY } from "../../retry.js";
import { CommandError } from "../command-error.js";
import { ExitCode } from "../exit-codes.js";
import { choice, integerInRange, MAX_TIMEOUT_MS, type ParsedArgs } from "../parse-args.js";
import { USAGE_HELP } from "./help.js";
import { DEFAULT_PROGRESS_EVERY_MS } from "./progress.js";
import { OUTPUT_FORMATS, type OutputFormat } from "./render.js";
import type { ReportWindow } from "./report.js";
import { parseWhen } from "./when.js";
import { type Interval, MAX_WINDOWS, splitIntoWindows } from "./windows.js";

export const USAGE_OPTIONS = {
  org: { type: "string" },
  since: { type: "string" },
  until: { type: "string" },
  interval: { type: "string" },
  format: { type: "string" },
  resume: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  "progress-every": { type: "string" },
  "base-url": { type: "string" },
  "timeout-ms": { type: "string" },
  retries: { type: "string" },
  now: { type: "string" },
  version: { type: "boolean" },
} as const;

/** Most retries `--retries` takes: past that a failing API keeps a run going for minutes. */
const MAX_RETRIES = 10;

/** What a run of `devin-usage` will do, every flag checked before any request is made. */
export interface UsagePlan {
  orgId: string;
  apiKey: string;
  baseUrl: string;
  format: OutputFormat;
  /** The windows to fetch, in order; one window with no bounds for the API's default. */
  windows: ReportWindow[];
  interval: Interval | undefined;
  now: Date;
  timeoutMs: number;
  maxRetries: number;
  resumePath: string | undefined;
  quiet: boolean;
  progressEveryMs: number;
  /** `DEBUG` is set: a failure's stack follows its line. */
  debug: boolean;
}

const usageLine = `usage: ${USAGE_HELP.usage}`;

function secondsFlag(value: string | undefined, flag: string, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600) {
    throw new CommandError(`${flag} takes a number of seconds from 0.1 to 3600, got "${value}"`);
  }
  return Math.round(seconds * 1000);
}

/** Checks the flags and the environment and works out the windows; throws `CommandError` (exit 2). */
export function planUsage(args: ParsedArgs<typeof USAGE_OPTIONS>, env: NodeJS.ProcessEnv): UsagePlan {
  const interval = choice<Interval>(args.interval, ["day", "week", "month"], "--interval", USAGE_HELP.usage);
  const format = choice<OutputFormat>(args.format, OUTPUT_FORMATS, "--format", USAGE_HELP.usage) ?? "table";
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
  if (args.resume !== undefined && !since)
    throw new CommandError("--resume needs --since: the windows it keeps must have times", ExitCode.couldNotRun, {
      hint: usageLine,
    });
  let windows: ReportWindow[] = [{ from: since, to: until }];
  if (interval && since && until) {
    windows = splitIntoWindows(since, until, interval, MAX_WINDOWS + 1);
    if (windows.length > MAX_WINDOWS) {
      const wider = interval === "day" ? "--interval week or month" : interval === "week" ? "--interval month" : "";
      throw new CommandError(
        `that range has more than ${MAX_WINDOWS} ${interval}s, one request each; ${wider ? `use ${wider} or ` : ""}narrow --since/--until`,
      );
    }
  }
  const timeoutMs = integerInRange(args["timeout-ms"], "--timeout-ms", DEFAULT_TIMEOUT_MS, { max: MAX_TIMEOUT_MS });
  const maxRetries = integerInRange(args.retries, "--retries", RETRY_POLICY.maxRetries, { min: 0, max: MAX_RETRIES });
  const progressEveryMs = secondsFlag(args["progress-every"], "--progress-every", DEFAULT_PROGRESS_EVERY_MS);
  const baseUrl = args["base-url"] ?? env.DEVIN_API_BASE_URL ?? DEFAULT_BASE_URL;
  const apiKey = env.DEVIN_API_KEY;
  if (!apiKey)
    throw new CommandError("no API key: set DEVIN_API_KEY to a service user's key (v3 keys start with cog_)");
  return {
    orgId,
    apiKey,
    baseUrl,
    format,
    windows,
    interval,
    now,
    timeoutMs,
    maxRetries,
    resumePath: args.resume,
    quiet: args.quiet ?? false,
    progressEveryMs,
    debug: Boolean(env.DEBUG),
  };
}
