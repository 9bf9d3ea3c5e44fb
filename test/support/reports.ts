import { type Change, type DiffReport, type DiffSummary, levelCounts } from "../../scripts/lib/diff/change.js";

/** A report of these changes, its level counts derived from them as the differ does. */
export function reportOf(changes: Change[], counts: Pick<DiffSummary, "paths" | "operations" | "schemas">): DiffReport {
  return { summary: { ...levelCounts(changes), ...counts }, changes };
}
