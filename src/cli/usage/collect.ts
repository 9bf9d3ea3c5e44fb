import type { DevinClient } from "../../client.js";
import { type CallOptions, getUsageMetrics } from "../../usage-metrics.js";
import type { UsageRow } from "./render.js";
import type { TimeWindow } from "./windows.js";

/** Calls in flight at once: enough to be quick, few enough not to trip rate limits. */
export const MAX_IN_FLIGHT = 4;

/**
 * One `getUsageMetrics` call per window, at most `MAX_IN_FLIGHT` at a time, rows in window
 * order. The first failure stops new calls and is thrown.
 */
export async function collectUsage(
  client: DevinClient,
  orgId: string,
  windows: readonly TimeWindow[],
  options: CallOptions & { onProgress?: (done: number, total: number) => void } = {},
): Promise<UsageRow[]> {
  const rows: UsageRow[] = new Array(windows.length);
  let next = 0;
  let done = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < windows.length) {
      const index = next++;
      const window = windows[index] as TimeWindow;
      try {
        const metrics = await getUsageMetrics(
          client,
          { orgId, timeAfter: window.from, timeBefore: window.to },
          options,
        );
        rows[index] = { ...window, metrics };
      } catch (error) {
        failed = true;
        throw error;
      }
      options.onProgress?.(++done, windows.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_IN_FLIGHT, windows.length) }, worker));
  return rows;
}
