import type { DiffReport } from "../change.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatMarkdown } from "./markdown.js";
import { formatText } from "./text.js";

export const REPORT_FORMATS = ["text", "json", "markdown", "github"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report in one of its formats (see each formatter). */
export function formatReport(report: DiffReport, format: ReportFormat, colour = false): string {
  switch (format) {
    case "json":
      return formatJson(report);
    case "markdown":
      return formatMarkdown(report);
    case "github":
      return formatGithub(report);
    default:
      return formatText(report, colour);
  }
}
