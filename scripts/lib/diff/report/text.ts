import { oneLine } from "../../../../src/untrusted-text.js";
import type { Change, DiffReport } from "../change.js";
import type { Level } from "../rules.js";

const COLOURS: Record<Level, string> = { breaking: "\u001b[31m", warning: "\u001b[33m", info: "\u001b[36m" };
const RESET = "\u001b[0m";
const BOLD = "\u001b[1m";

/** Whether to colour a stream: a TTY, and NO_COLOR unset (https://no-color.org). */
export function shouldColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

export function summaryLine(report: DiffReport): string {
  const { summary } = report;
  return `${report.changes.length} changes: ${summary.breaking} breaking, ${summary.warning} warning, ${summary.info} info`;
}

/** Where the changes seen from several places are listed (their operation is null). */
export const SHARED_HEADING = "(schemas used from several places)";

/** The group a change is listed under: its operation, the shared schemas, or the document. */
function groupOf(found: Change): string {
  if (found.operation !== null) return oneLine(found.operation);
  return found.reach === undefined ? "(document)" : SHARED_HEADING;
}

const RANK: Record<Level, number> = { breaking: 0, warning: 1, info: 2 };

/**
 * A report for people: grouped by operation, the operations with breaking changes first,
 * and within each, breaking before warning before info. A change seen from several places
 * is listed once, with the first places named under it. Linear in the changes.
 */
export function formatText(report: DiffReport, colour = false): string {
  if (report.changes.length === 0) return "No changes.\n";
  const paint = (level: Level, text: string) => (colour ? `${COLOURS[level]}${text}${RESET}` : text);
  const bold = (text: string) => (colour ? `${BOLD}${text}${RESET}` : text);
  const groups = new Map<string, { worst: number; changes: Change[] }>();
  for (const found of report.changes) {
    const key = groupOf(found);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { worst: RANK[found.level], changes: [found] });
    else {
      group.changes.push(found);
      group.worst = Math.min(group.worst, RANK[found.level]);
    }
  }
  const ordered = [...groups].sort(([, a], [, b]) => a.worst - b.worst);
  const lines: string[] = [];
  const indent = " ".repeat(11);
  for (const [operation, { changes }] of ordered) {
    lines.push(bold(operation));
    for (const found of changes) {
      lines.push(`  ${paint(found.level, found.level.padEnd(8))} ${oneLine(found.message)}  [${found.id}]`);
      if (found.reach === undefined) continue;
      for (const place of found.reach.first)
        lines.push(`${indent}${oneLine(place.operation)}: ${oneLine(place.message)}  [${place.id}]`);
      const more = found.reach.places - found.reach.first.length;
      if (more > 0) lines.push(`${indent}… and ${more} more place${more === 1 ? "" : "s"}`);
    }
    lines.push("");
  }
  const { summary } = report;
  lines.push(
    summaryLine(report),
    `paths +${summary.paths.added} -${summary.paths.removed}; operations +${summary.operations.added} -${summary.operations.removed} ~${summary.operations.changed}; schemas +${summary.schemas.added} -${summary.schemas.removed} ~${summary.schemas.changed}`,
  );
  return `${lines.join("\n")}\n`;
}
