import { relative } from "node:path";
import type { OpenApiDocument } from "../document/model.js";
import { parseOpenApiDocument } from "../document/parse-openapi.js";
import { decodeDocument } from "../document/parse-text.js";
import { assertValidStructure, splitForValidation } from "../document/validate.js";
import type { StructureValidator } from "../document/validate-in-worker.js";
import type { DocumentWarning } from "../document/warnings.js";
import { type FetchSpecOptions, readSource, type SpecSource } from "../fetch/source.js";
import type { DiffReport } from "./change.js";
import { diffDocuments } from "./diff-documents.js";

export interface DocumentForDiff {
  document: OpenApiDocument;
  /** The document's name in messages. */
  origin: string;
  /**
   * Resolves with what it does that endangers nothing but is not as specified (`DocumentWarning`)
   * when it is structurally valid (none when it was not asked to be checked).
   */
  validate(): Promise<DocumentWarning[]>;
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
    origin: shown,
    async validate() {
      if (components === undefined) return [];
      const rest = await assertValidStructure(splitForValidation(parsed).rest, shown);
      return [...rest, ...(await components)];
    },
  };
}

/**
 * The diff of two documents, once both are known to be valid, with the revision's
 * warnings. A structurally invalid document is reported as such (exit 2) even if
 * comparing it failed first.
 */
export async function diffForReport(
  base: DocumentForDiff,
  revision: DocumentForDiff,
): Promise<{ report: DiffReport; warnings: DocumentWarning[] }> {
  let report: DiffReport | undefined;
  let failure: unknown;
  try {
    report = diffDocuments(base.document, revision.document);
  } catch (error) {
    failure = error;
  }
  await base.validate();
  const warnings = await revision.validate();
  if (report === undefined) throw failure;
  return { report, warnings };
}
