import type { UsageMetrics } from "../../usage-metrics.js";
import type { Failure } from "./explain-failure.js";
import { type ReportWindow, windowName } from "./report.js";

/** Calls in flight at once: enough to be quick, few enough not to trip rate limits. */
export const MAX_IN_FLIGHT = 4;

/** Windows failing one after another before the run stops starting new ones (the API is down, not one window). */
export const MAX_FAILURES_IN_A_ROW = 10;

/** How one window of a run ended. */
export type WindowOutcome =
  | { status: "answered"; metrics: UsageMetrics; source: "api" | "resume" }
  | { status: "failed"; failure: Failure }
  | { status: "not-fetched"; reason: string };

export interface CollectOptions {
  /** Fetches one window; throws on failure (after the client's own retries). */
  fetch(window: ReportWindow, signal: AbortSignal): Promise<UsageMetrics>;
  /** Explains what `fetch` threw; never throws itself. */
  explain(error: unknown, window: ReportWindow): Failure;
  /** The answer kept from an earlier run, when there is one: that window is not fetched again. */
  known?(window: ReportWindow): UsageMetrics | undefined;
  /** Called once per window, in window order, as soon as it and every window before it have settled. */
  onSettled(window: ReportWindow, outcome: WindowOutcome, index: number): void;
  /** Called when a window starts or settles, in the order that happens (for progress). */
  onChange?(event: { started: number; settled: number; failed: number }): void;
  /** Aborting it interrupts the run: calls in flight are aborted, no new ones start. */
  signal?: AbortSignal;
  /** @default MAX_IN_FLIGHT */
  maxInFlight?: number;
  /** @default MAX_FAILURES_IN_A_ROW */
  maxFailuresInARow?: number;
}

/**
 * Fetches every window, at most `maxInFlight` at a time, and hands each outcome over in
 * window order as soon as it can, so a stream of rows never waits for the whole run and
 * never comes out of order. A failed window is an outcome like any other: the rest go on.
 * The run stops starting windows when a failure concerns every window (`stopsRun`: the
 * key, the organization, a rate limit), after `maxFailuresInARow` failures with no answer
 * between them, or when interrupted; the windows it did not start are handed over as
 * not fetched, with the reason. Calls already in flight are let finish: what the API
 * answers is never dropped.
 */
export async function collectWindows(
  windows: readonly ReportWindow[],
  options: CollectOptions,
): Promise<WindowOutcome[]> {
  const outcomes: (WindowOutcome | undefined)[] = new Array(windows.length).fill(undefined);
  const maxInFlight = options.maxInFlight ?? MAX_IN_FLIGHT;
  const maxFailuresInARow = options.maxFailuresInARow ?? MAX_FAILURES_IN_A_ROW;
  const signal = options.signal ?? new AbortController().signal;
  let next = 0;
  let delivered = 0;
  let settled = 0;
  let failed = 0;
  let failuresInARow = 0;
  let stopReason: string | undefined;

  const changed = () => options.onChange?.({ started: next, settled, failed });
  const deliver = () => {
    for (let outcome = outcomes[delivered]; outcome !== undefined; outcome = outcomes[delivered]) {
      options.onSettled(windows[delivered] as ReportWindow, outcome, delivered);
      delivered++;
    }
  };
  const settle = (index: number, outcome: WindowOutcome) => {
    outcomes[index] = outcome;
    settled++;
    if (outcome.status === "failed") {
      failed++;
      failuresInARow++;
      if (outcome.failure.stopsRun)
        stopReason ??= `the run stopped when ${windowName(windows[index] as ReportWindow)} failed`;
      else if (failuresInARow >= maxFailuresInARow)
        stopReason ??= `the run stopped after ${failuresInARow} windows in a row failed`;
    } else if (outcome.status === "answered" && outcome.source === "api") {
      failuresInARow = 0;
    }
    changed();
    deliver();
  };

  const worker = async () => {
    while (next < windows.length && stopReason === undefined && !signal.aborted) {
      const index = next++;
      const window = windows[index] as ReportWindow;
      const known = options.known?.(window);
      if (known !== undefined) {
        settle(index, { status: "answered", metrics: known, source: "resume" });
        continue;
      }
      changed();
      try {
        const metrics = await options.fetch(window, signal);
        settle(index, { status: "answered", metrics, source: "api" });
      } catch (error) {
        const failure = options.explain(error, window);
        settle(
          index,
          failure.interrupted || signal.aborted
            ? { status: "not-fetched", reason: "interrupted" }
            : { status: "failed", failure },
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(maxInFlight, windows.length)) }, worker));

  const reason = signal.aborted ? "interrupted" : (stopReason ?? "not started");
  for (let index = next; index < windows.length; index++) {
    outcomes[index] = { status: "not-fetched", reason };
  }
  deliver();
  return outcomes as WindowOutcome[];
}
