import { oneLine } from "../../../../src/untrusted-text.js";
import type { DiffReport } from "../change.js";
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

/**
 * A report for people: grouped by operation, the operations with breaking changes first,
 * and within each, breaking before warning before info.
 */
export function formatText(report: DiffReport, colour = false): string {
  if (report.changes.length === 0) return "No changes.\n";
  const paint = (level: Level, text: string) => (colour ? `${COLOURS[level]}${text}${RESET}` : text);
  const bold = (text: string) => (colour ? `${BOLD}${text}${RESET}` : text);
  const groups = new Map<string, typeof report.changes>();
  for (const found of report.changes) {
    const key = found.operation === null ? "(document)" : oneLine(found.operation);
    groups.set(key, [...(groups.get(key) ?? []), found]);
  }
  const rank = { breaking: 0, warning: 1, info: 2 } as const;
  const worst = (changes: typeof report.changes) => Math.min(...changes.map((found) => rank[found.level]));
  const ordered = [...groups].sort(([, a], [, b]) => worst(a) - worst(b));
  const lines: string[] = [];
  for (const [operation, changes] of ordered) {
    lines.push(bold(operation));
    for (const found of changes) {
      lines.push(`  ${paint(found.level, found.level.padEnd(8))} ${oneLine(found.message)}  [${found.id}]`);
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
