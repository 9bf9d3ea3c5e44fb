import { createHash } from "node:crypto";
import { ACTING_CHARACTERS } from "./escape-terminal.js";
import { type MetricField, uniqueNames } from "./metric-fields.js";
import { iso, metricValue, type UsageReport, type UsageRow } from "./report.js";

/**
 * OpenMetrics 1.0 text exposition (also read by Prometheus' text parser, node_exporter's
 * textfile collector and the Pushgateway): one gauge family per metric of the spec, one
 * sample per window, labelled by organization and window, and `# EOF` at the end.
 */

/** Every family name starts so: names beginning with `_` are reserved (§ MetricFamily, Name). */
const PREFIX = "devin_usage_";

/** Longest part of a family name taken from a field; the field's full name is in the HELP text. */
const MAX_NAME_LENGTH = 72;

/**
 * A family name from a spec field: ASCII letters, digits and `_` kept; other ASCII as `_`;
 * any other character as `u` and its code point in hex, so a name in another script stays
 * distinct; runs of `_` folded (the ABNF allows `[a-zA-Z_:][a-zA-Z0-9_:]*`, and colons are
 * reserved for aggregations). The field's own name is kept otherwise (`sessions_count` is
 * `devin_usage_sessions_count`): every family here is a gauge, whose samples take no
 * suffix, so no name can clash with another family's samples (§ Suffixes).
 */
export function familyName(field: string): string {
  let name = "";
  for (const char of field) {
    const code = char.codePointAt(0) ?? 0;
    if (/^[A-Za-z0-9_]$/.test(char)) name += char;
    else name += code < 0x80 ? "_" : `_u${code.toString(16)}_`;
  }
  name = name.replace(/_+/g, "_").replace(/^_|_$/g, "");
  // A name of a thousand characters is valid but unusable in a query: cut, with a hash of
  // the whole name so two long names that start alike stay two families.
  if (name.length > MAX_NAME_LENGTH) {
    const hash = createHash("sha256").update(field).digest("hex").slice(0, 8);
    name = `${name.slice(0, MAX_NAME_LENGTH - 9).replace(/_+$/, "")}_${hash}`;
  }
  return `${PREFIX}${name || "metric"}`;
}

/** The family name of each field, in order, unique within the exposition (a later clash gets `_2`, …). */
export function familyNames(fields: readonly MetricField[]): string[] {
  return uniqueNames(fields.map(familyName), (name, n) => `${name}_${n}`);
}

/** Controls, bidi characters and lone surrogates (not UTF-8), written as visible text. */
const ACTING = new RegExp(`[${ACTING_CHARACTERS}]|\\p{Cs}`, "gu");

/**
 * An escaped-string of the ABNF: backslash, double quote and line feed escaped (§ Escaping);
 * every other acting character as the text `\uXXXX`, its backslash escaped in turn.
 */
export function escapedString(text: string): string {
  return text
    .replaceAll("\\", "\\\\")
    .replaceAll('"', '\\"')
    .replaceAll("\n", "\\n")
    .replace(ACTING, (char) => `\\\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`);
}

/**
 * A HELP text with no double quote in it. OpenMetrics would have one written `\"` there, and
 * the Prometheus 0.0.4 text format (node_exporter's textfile collector, the Pushgateway)
 * defines only `\\` and `\n` in HELP: its parser refuses `\"` as an invalid escape. So the
 * name's backslashes are doubled and a quote is the text `\u0022`, as on a terminal.
 */
function helpText(name: string): string {
  const shown = name.replaceAll("\\", "\\\\").replaceAll('"', "\\u0022");
  return escapedString(`Devin usage metric \`${shown}\` of the organization in the window [window_start, window_end)`);
}

function labels(org: string, row: UsageRow): string {
  const pairs: [string, string][] = [["org", org]];
  if (row.from) pairs.push(["window_start", iso(row.from)]);
  if (row.to) pairs.push(["window_end", iso(row.to)]);
  return `{${pairs.map(([name, value]) => `${name}="${escapedString(value)}"`).join(",")}}`;
}

/** The whole exposition; a window the answer lacks a metric for has no sample of it. */
export function renderOpenMetrics(report: UsageReport): string {
  const names = familyNames(report.fields);
  const lines: string[] = [];
  report.fields.forEach((field, index) => {
    const name = names[index] as string;
    lines.push(`# TYPE ${name} gauge`, `# HELP ${name} ${helpText(field)}`);
    for (const row of report.rows) {
      const value = metricValue(row, field);
      if (value !== undefined) lines.push(`${name}${labels(report.org, row)} ${String(value)}`);
    }
  });
  lines.push("# EOF");
  return `${lines.join("\n")}\n`;
}
