import type { TryReport } from "./observe-tries.js";

/** Shortest time between two progress lines when stderr is not a terminal. */
export const DEFAULT_PROGRESS_EVERY_MS = 5_000;

/** Fewest windows for which a terminal shows a progress line without a retry to report. */
const TERMINAL_MIN_WINDOWS = 5;

/** Redraws of the terminal line, at most one per this many milliseconds. */
const TERMINAL_REDRAW_MS = 100;

export interface ProgressOptions {
  total: number;
  /** How progress is shown: a line redrawn in place (a terminal), lines now and then (a log), or nothing. */
  mode: "terminal" | "log" | "quiet";
  /** @default DEFAULT_PROGRESS_EVERY_MS */
  everyMs?: number;
  write: (text: string) => void;
  now?: () => number;
}

export interface Progress {
  /** The run's counts changed. */
  update(counts: { started: number; settled: number; failed: number }): void;
  /** A try ended; when it will be retried, the wait is shown. */
  onTry(report: TryReport): void;
  /** Something else is about to be written to stderr: the terminal line is cleared first. */
  beforeMessage(): void;
  /** The run is over: the last state is shown (where any was) and timers stop. */
  finish(): void;
}

function reasonOf(report: TryReport): string {
  if (report.status === undefined) return "no response";
  if (report.status === 429) return "429 rate-limited";
  return String(report.status);
}

/**
 * Progress on stderr, so a long run is visibly alive: on a terminal one line redrawn in
 * place; in a log (cron, CI) a line at most every `everyMs`, and none at all for a run
 * shorter than that. Each line gives the windows done and left, the failures, and any
 * retry the client is waiting for, with why and how long (a 429 may ask for a minute).
 */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const everyMs = options.everyMs ?? DEFAULT_PROGRESS_EVERY_MS;
  let counts = { started: 0, settled: 0, failed: 0 };
  const waits = new Map<string, { until: number; reason: string }>();
  let shown = false;
  let dirty = false;
  let lastDraw = 0;
  let redraw: NodeJS.Timeout | undefined;

  const describe = (final: boolean) => {
    const left = options.total - counts.settled;
    const parts = [`${counts.settled}/${options.total} windows`];
    if (!final) parts[0] += ` (${left} left)`;
    if (counts.failed) parts.push(`${counts.failed} failed`);
    if (!final && waits.size > 0) {
      const soonest = Math.min(...[...waits.values()].map((wait) => wait.until));
      const reasons = [...new Set([...waits.values()].map((wait) => wait.reason))].join(", ");
      const within = Math.max(0, Math.ceil((soonest - now()) / 1000));
      parts.push(
        `waiting to retry ${waits.size} window${waits.size === 1 ? "" : "s"} (${reasons}; next try within ${within} s)`,
      );
    }
    return parts.join(", ");
  };

  const drawTerminal = () => {
    redraw = undefined;
    lastDraw = now();
    if (options.total < TERMINAL_MIN_WINDOWS && waits.size === 0 && !shown) return;
    options.write(`\r\u001b[Kfetched ${describe(false)}`);
    shown = true;
  };
  const scheduleTerminal = () => {
    if (redraw) return;
    const wait = TERMINAL_REDRAW_MS - (now() - lastDraw);
    if (wait <= 0) drawTerminal();
    else redraw = setTimeout(drawTerminal, wait).unref();
  };

  const tick =
    options.mode === "log"
      ? setInterval(() => {
          if (!dirty && waits.size === 0) return;
          dirty = false;
          shown = true;
          options.write(`progress: ${describe(false)}\n`);
        }, everyMs).unref()
      : undefined;

  const changed = () => {
    dirty = true;
    if (options.mode === "terminal") scheduleTerminal();
  };

  return {
    update(next) {
      counts = next;
      changed();
    },
    onTry(report) {
      if (report.retryInMs === undefined) waits.delete(report.key);
      else waits.set(report.key, { until: now() + report.retryInMs, reason: reasonOf(report) });
      changed();
    },
    beforeMessage() {
      if (options.mode === "terminal" && shown) options.write("\r\u001b[K");
    },
    finish() {
      if (tick) clearInterval(tick);
      if (redraw) clearTimeout(redraw);
      waits.clear();
      if (!shown) return;
      if (options.mode === "terminal") options.write(`\r\u001b[Kfetched ${describe(true)}\n`);
      if (options.mode === "log") options.write(`progress: done, ${describe(true)}\n`);
    },
  };
}
