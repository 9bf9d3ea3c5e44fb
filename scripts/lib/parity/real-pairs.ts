import { readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { displayText, oneLine } from "../../../src/untrusted-text.js";
import type { DiffReport } from "../diff/change.js";
import { diffDocuments } from "../diff/diff-documents.js";
import { isRecord, type OpenApiDocument } from "../document/model.js";
import { parseOpenApiDocument } from "../document/parse-openapi.js";
import { parseDocumentText } from "../document/parse-text.js";
import { PipelineError } from "../util/pipeline-error.js";

/**
 * Drift judged on real version pairs: consecutive published releases of real APIs'
 * descriptions, listed in a manifest (`{ documents: [{ id, localPath }], pairs: [{ id,
 * base, revision }] }`, paths relative to the manifest). Each pair is compared in a
 * process of its own, so its time and peak memory are its own.
 */
export interface RealPair {
  id: string;
  base: string;
  revision: string;
}

export async function readPairManifest(path: string): Promise<RealPair[]> {
  const file = (await stat(path)).isDirectory() ? join(path, "MANIFEST.json") : path;
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new PipelineError("bad-input", `${file} is not a readable manifest: ${(error as Error).message}`);
  }
  if (!isRecord(manifest) || !Array.isArray(manifest.documents) || !Array.isArray(manifest.pairs))
    throw new PipelineError("bad-input", `${file} has no documents and pairs lists`);
  const where = new Map<string, string>();
  for (const document of manifest.documents) {
    if (isRecord(document) && typeof document.id === "string" && typeof document.localPath === "string")
      where.set(document.id, join(dirname(file), document.localPath));
  }
  return manifest.pairs.flatMap((pair) => {
    if (!isRecord(pair) || typeof pair.id !== "string") return [];
    const [base, revision] = [where.get(String(pair.base)), where.get(String(pair.revision))];
    return base === undefined || revision === undefined ? [] : [{ id: pair.id, base, revision }];
  });
}

/** What one pair's comparison came to. */
export interface PairMeasure {
  id: string;
  /** Why the pair could not be compared (unreadable, not OpenAPI 3), if it could not. */
  error?: string;
  /** What the document gate refused in either document, though the differ compared them. */
  refused?: string;
  breaking: number;
  warning: number;
  info: number;
  /** Distinct schema locations in the documents (references followed) with a breaking change. */
  breakingPlaces: number;
  /** Largest number of breaking findings at one such location: a storm from one change. */
  largestStorm: number;
  ms: number;
  peakMb: number;
  /** The breaking findings, for reading (`--details`). */
  breakingFindings: { id: string; operation: string | null; location: string; message: string }[];
}

/**
 * The location in the document that a pointer through an operation names: each `$ref`
 * met on the way is followed, so `/paths/~1a/get/…/schema/properties/x`, with the schema a
 * reference to `Pet`, is `/components/schemas/Pet/properties/x`. A change reported once
 * per path and a change reported once at its schema count as the same place.
 */
export function physicalLocation(document: unknown, location: string): string {
  const tokens = location.split("/").slice(1);
  let at: unknown = document;
  let physical = "";
  for (let index = 0; index < tokens.length; index++) {
    for (let hops = 0; isRecord(at) && typeof at.$ref === "string" && at.$ref.startsWith("#/") && hops < 64; hops++) {
      physical = at.$ref.slice(1);
      at = resolve(document, physical);
    }
    const raw = tokens[index] as string;
    const token = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const container = isRecord(at) || Array.isArray(at) ? (at as Record<string, unknown>) : undefined;
    at = container !== undefined && Object.hasOwn(container, token) ? container[token] : undefined;
    physical = `${physical}/${raw}`;
    // Past what the document has (something removed): the rest of the pointer as it was.
    if (at === undefined) return [physical, ...tokens.slice(index + 1)].join("/");
  }
  return physical;
}

function resolve(document: unknown, pointer: string): unknown {
  let at: unknown = document;
  for (const raw of pointer.split("/").slice(1)) {
    let token: string;
    try {
      token = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    } catch {
      return undefined;
    }
    if (!(isRecord(at) || Array.isArray(at)) || !Object.hasOwn(at, token)) return undefined;
    at = (at as Record<string, unknown>)[token];
  }
  return at;
}

/** A document for the differ: through the gate, or, where the gate refuses it, parsed as it is (and said so). */
async function readDocument(file: string): Promise<{ document: OpenApiDocument; refused?: string }> {
  const text = await readFile(file, "utf8");
  try {
    return { document: parseOpenApiDocument(text, file) };
  } catch (error) {
    if (!(error instanceof PipelineError) || error.kind === "spec-unreadable") throw error;
    const parsed = parseDocumentText(text, file) as OpenApiDocument;
    if (typeof parsed.openapi !== "string" || !parsed.openapi.startsWith("3.") || !isRecord(parsed.paths)) throw error;
    return { document: parsed, refused: oneLine(error.message).slice(0, 200) };
  }
}

/** The measures of a report: counts, and the distinct places its breaking changes are at. */
export function measureReport(
  report: DiffReport,
  documents: { base: unknown; revision: unknown },
): Omit<PairMeasure, "id" | "ms" | "peakMb"> {
  const breaking = report.changes.filter((found) => found.level === "breaking");
  const byPlace = new Map<string, number>();
  for (const found of breaking) {
    // Into the revision, or the base for something it no longer has.
    const inRevision = resolve(documents.revision, physicalLocation(documents.revision, found.location));
    const place = physicalLocation(inRevision === undefined ? documents.base : documents.revision, found.location);
    byPlace.set(place, (byPlace.get(place) ?? 0) + 1);
  }
  return {
    breaking: report.summary.breaking,
    warning: report.summary.warning,
    info: report.summary.info,
    breakingPlaces: byPlace.size,
    largestStorm: Math.max(0, ...byPlace.values()),
    breakingFindings: breaking.map(({ id, operation, location, message }) => ({ id, operation, location, message })),
  };
}

/** Compares one pair in this process: what `--real` runs in a child per pair. */
export async function measurePair(pair: RealPair): Promise<PairMeasure> {
  const started = performance.now();
  try {
    const [base, revision] = await Promise.all([readDocument(pair.base), readDocument(pair.revision)]);
    const report = diffDocuments(base.document, revision.document);
    const refused = [base.refused, revision.refused].filter(Boolean).join("; ");
    return {
      id: pair.id,
      ...measureReport(report, { base: base.document, revision: revision.document }),
      ...(refused ? { refused } : {}),
      ms: performance.now() - started,
      peakMb: process.resourceUsage().maxRSS / 1024,
    };
  } catch (error) {
    return {
      id: pair.id,
      error: oneLine((error as Error).message).slice(0, 300),
      breaking: 0,
      warning: 0,
      info: 0,
      breakingPlaces: 0,
      largestStorm: 0,
      ms: performance.now() - started,
      peakMb: process.resourceUsage().maxRSS / 1024,
      breakingFindings: [],
    };
  }
}

/** The per-pair table, and with `details` each pair's breaking findings. */
export function realPairsMarkdown(measures: readonly PairMeasure[], details: boolean): string {
  const lines = [
    "| pair | breaking | distinct places | largest at one place | warning | info | time | peak memory | note |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const measure of measures) {
    const note = measure.error ? `not compared: ${measure.error}` : measure.refused ? `gate: ${measure.refused}` : "";
    lines.push(
      `| ${displayText(measure.id)} | ${measure.breaking} | ${measure.breakingPlaces} | ${measure.largestStorm} | ${measure.warning} | ${measure.info} | ${(measure.ms / 1000).toFixed(2)} s | ${measure.peakMb.toFixed(0)} MB | ${displayText(note).replaceAll("|", "\\|")} |`,
    );
  }
  if (details) {
    for (const measure of measures) {
      if (measure.breakingFindings.length === 0) continue;
      lines.push("", `### ${displayText(measure.id)}`, "");
      for (const found of measure.breakingFindings.slice(0, 200))
        lines.push(
          `- \`${found.id}\` ${found.operation ? `${displayText(found.operation)}: ` : ""}${oneLine(found.message)}`,
        );
      const more = measure.breakingFindings.length - 200;
      if (more > 0) lines.push(`- … and ${more} more`);
    }
  }
  return `${lines.join("\n")}\n`;
}
