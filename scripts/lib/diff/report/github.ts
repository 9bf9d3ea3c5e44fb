import { oneLine } from "../../../../src/untrusted-text.js";
import type { DiffReport } from "../change.js";

const COMMANDS = { breaking: "error", warning: "warning", info: "notice" } as const;

/** Workflow-command escaping: data may not contain raw `%`, CR or LF. */
function escapeData(text: string): string {
  return oneLine(text).replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** Property values additionally escape `:` and `,`. */
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/**
 * GitHub Actions annotations: `::error` for breaking changes, `::warning`, `::notice`,
 * each titled with its rule id and naming the spec file it concerns.
 */
export function formatGithub(report: DiffReport, file = "spec/v3-openapi.yaml"): string {
  const lines = report.changes.map((found) => {
    const subject = found.operation ? `${found.operation}: ` : "";
    return `::${COMMANDS[found.level]} file=${escapeProperty(file)},title=${escapeProperty(found.id)}::${escapeData(`${subject}${found.message} (at ${found.location})`)}`;
  });
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** The counts a workflow reads from `$GITHUB_OUTPUT`. */
export function githubOutputs(report: DiffReport): Record<string, number> {
  const { summary } = report;
  return { breaking: summary.breaking, warning: summary.warning, info: summary.info, changes: report.changes.length };
}
