import { relative } from "node:path";
import { ExitCode } from "../../src/cli/exit-codes.js";
import { type DiffReport, diffDocuments } from "./diff/diff-documents.js";
import { formatGithub } from "./diff/report-github.js";
import { formatJson } from "./diff/report-json.js";
import { formatMarkdown } from "./diff/report-markdown.js";
import { formatText } from "./diff/report-text.js";
import { decodeDocument, type FetchSpecOptions, readSource, type SpecSource } from "./fetch-spec.js";
import { parseOpenApiDocument } from "./load-document.js";
import type { OpenApiDocument } from "./openapi-document.js";
import { assertValidStructure, splitForValidation } from "./validate-document.js";
import type { StructureValidator } from "./validate-in-worker.js";

export const REPORT_FORMATS = ["text", "json", "markdown", "github"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const FAIL_ON = ["any", "breaking", "none"] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface DocumentForDiff {
  document: OpenApiDocument;
  /** Resolves when the document is structurally valid (or was not asked to be checked). */
  validate(): Promise<void>;
}

/**
 * Reads a document for comparison: parsed and checked to be OpenAPI 3.0/3.1 with paths,
 * and, given a `structure` validator, validated structurally too: its components on the
 * validator's worker thread from now on, the rest on this thread when `validate()` is
 * called (after the comparison), so the two halves of the work share the two cores. The
 * revision (what upstream publishes) always is; the base is usually the vendored spec,
 * validated when it was fetched.
 */
export async function readForDiff(
  source: SpecSource,
  options: Omit<FetchSpecOptions, "source"> & { structure?: StructureValidator },
): Promise<DocumentForDiff> {
  const { bytes, origin } = await readSource(source, options);
  const shown = "file" in source ? relative(process.cwd(), source.file) || source.file : origin;
  const text = decodeDocument(bytes, shown);
  const components = options.structure?.validate(bytes, shown, "components");
  // Awaited in validate(); marked handled here so an early failure below is not reported twice.
  components?.catch(() => undefined);
  const parsed = parseOpenApiDocument(text, shown);
  return {
    document: parsed,
    async validate() {
      if (components === undefined) return;
      await assertValidStructure(splitForValidation(parsed).rest, shown);
      await components;
    },
  };
}

/**
 * The diff of two documents, once both are known to be valid. A structurally invalid
 * document is reported as such (exit 2) even if comparing it failed first.
 */
export async function diffForReport(base: DocumentForDiff, revision: DocumentForDiff): Promise<DiffReport> {
  let report: DiffReport | undefined;
  let failure: unknown;
  try {
    report = diffDocuments(base.document, revision.document);
  } catch (error) {
    failure = error;
  }
  await base.validate();
  await revision.validate();
  if (report === undefined) throw failure;
  return report;
}

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

/** 1 when the report has a change at or above `failOn`, else 0. */
export function exitCodeFor(report: DiffReport, failOn: FailOn): ExitCode {
  if (failOn === "none") return ExitCode.ok;
  const failing = failOn === "breaking" ? report.summary.breaking : report.changes.length;
  return failing > 0 ? ExitCode.failed : ExitCode.ok;
}
