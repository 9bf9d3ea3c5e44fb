import { oneLine } from "../../../../src/untrusted-text.js";
import type { DiffReport } from "../change.js";
import { LEVEL_ORDER } from "../rules.js";

const COMMANDS = { breaking: "error", warning: "warning", info: "notice" } as const;

/** Workflow-command escaping: data may not contain raw `%`, CR or LF. */
function escapeData(text: string): string {
  return oneLine(text).replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** Property values additionally escape `:` and `,`. */
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/** Annotations of one level at the most: GitHub shows ten of each kind per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * GitHub Actions annotations: `::error` for breaking changes, `::warning`, `::notice`,
 * each titled with its rule id and naming the spec file it concerns; breaking first, at
 * most ten per level (what GitHub shows), then one notice with the counts.
 */
export function formatGithub(report: DiffReport, file = "spec/v3-openapi.yaml"): string {
  if (report.changes.length === 0) return "";
  const lines: string[] = [];
  for (const level of LEVEL_ORDER) {
    for (const found of report.changes.filter((change) => change.level === level).slice(0, ANNOTATIONS_PER_LEVEL)) {
      const subject = found.operation ? `${found.operation}: ` : "";
      lines.push(
        `::${COMMANDS[found.level]} file=${escapeProperty(file)},title=${escapeProperty(found.id)}::${escapeData(`${subject}${found.message} (at ${found.location})`)}`,
      );
    }
  }
  const { summary } = report;
  const shown = lines.length;
  const rest = report.changes.length - shown;
  lines.push(
    `::notice title=${escapeProperty("spec drift")}::${escapeData(
      `${report.changes.length} changes: ${summary.breaking} breaking, ${summary.warning} warning, ${summary.info} info${rest > 0 ? ` (${rest} not annotated; the job summary lists them)` : ""}`,
    )}`,
  );
  return `${lines.join("\n")}\n`;
}

/** The counts a workflow reads from `$GITHUB_OUTPUT`. */
export function githubOutputs(report: DiffReport): Record<string, number> {
  const { summary } = report;
  return { breaking: summary.breaking, warning: summary.warning, info: summary.info, changes: report.changes.length };
}
