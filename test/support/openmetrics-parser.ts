/**
 * A strict parser of the OpenMetrics 1.0 text format (its ABNF and the MUSTs of its text
 * format section), for tests: it throws, naming the line, on anything an exposition must
 * not contain. Written here rather than taken from npm: the packages that parse this
 * text are Prometheus-0.0.4 parsers that accept what OpenMetrics forbids (no `# EOF`,
 * interleaved families, duplicate label sets, CR line ends), which is what the test
 * must catch.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: string;
  help: string | undefined;
  unit: string | undefined;
  samples: Sample[];
}

const TYPES = ["counter", "gauge", "histogram", "gaugehistogram", "stateset", "info", "summary", "unknown"];
/** The sample names each type may use, as suffixes of the family name (§ Suffixes). */
const SUFFIXES: Record<string, string[]> = {
  counter: ["_total", "_created"],
  summary: ["_count", "_sum", "_created", ""],
  histogram: ["_count", "_sum", "_bucket", "_created"],
  gaugehistogram: ["_gcount", "_gsum", "_bucket"],
  info: ["_info"],
  gauge: [""],
  stateset: [""],
  unknown: [""],
};
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const REAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const SPECIAL = /^([+-]?(inf|infinity)|nan)$/i;

export class OpenMetricsError extends Error {}

/** Reads an escaped-string up to `end` (a `"` for label values, the line's end for HELP). */
function readEscaped(text: string, at: number, untilQuote: boolean, fail: (why: string) => never): [string, number] {
  let value = "";
  let index = at;
  // By code point, so that a surrogate pair is one character and only a lone half is refused.
  for (; index < text.length; index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1) {
    const char = String.fromCodePoint(text.codePointAt(index) ?? 0);
    if (untilQuote && char === '"') return [value, index + 1];
    if (char === "\n") fail("a line feed inside a string");
    if (char === '"') fail("an unescaped double quote");
    if (char === "\\") {
      const next = text[index + 1];
      if (next === "n") value += "\n";
      else if (next === "\\" || next === '"') value += next;
      // "A single backslash SHOULD NOT be used for undefined escape sequences": strict here.
      else fail(`an undefined escape \\${next ?? ""}`);
      index++;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) fail("a lone surrogate (not UTF-8)");
    value += char;
  }
  if (untilQuote) fail("an unterminated label value");
  return [value, index];
}

function parseLabels(text: string, at: number, fail: (why: string) => never): [Record<string, string>, number] {
  const labels: Record<string, string> = {};
  let index = at + 1;
  if (text[index] === "}") return [labels, index + 1];
  for (;;) {
    const eq = text.indexOf("=", index);
    if (eq < 0) fail("a label without =");
    const name = text.slice(index, eq);
    if (!LABEL_NAME.test(name)) fail(`label name ${JSON.stringify(name)} is not valid`);
    if (name.startsWith("_")) fail(`label name ${name} is reserved`);
    if (Object.hasOwn(labels, name)) fail(`label ${name} given twice`);
    if (text[eq + 1] !== '"') fail("a label value not in double quotes");
    const [value, after] = readEscaped(text, eq + 2, true, fail);
    labels[name] = value;
    if (text[after] === ",") {
      index = after + 1;
      continue;
    }
    if (text[after] === "}") return [labels, after + 1];
    fail("labels not closed by }");
  }
}

function parseNumber(text: string, fail: (why: string) => never): number {
  if (SPECIAL.test(text)) return Number(text.replace(/infinity|inf/i, "Infinity").replace(/nan/i, "NaN"));
  if (!REAL.test(text)) fail(`${JSON.stringify(text)} is not a number`);
  return Number(text);
}

/** Parses a whole exposition; throws `OpenMetricsError` naming the first violation. */
export function parseOpenMetrics(exposition: string): MetricFamily[] {
  if (exposition.includes("\r")) throw new OpenMetricsError("line endings MUST NOT contain carriage returns");
  if (exposition.startsWith("\ufeff")) throw new OpenMetricsError("a byte order mark MUST NOT be used");
  const lines = exposition.split("\n");
  // `exposition = metricset HASH SP eof [ LF ]`
  if (lines.at(-1) === "") lines.pop();
  if (lines.at(-1) !== "# EOF") throw new OpenMetricsError("the exposition does not end with # EOF");
  lines.pop();
  const families: MetricFamily[] = [];
  const seen = new Set<string>();
  let current: MetricFamily | undefined;
  let sampled = false;
  const labelSets = new Set<string>();
  const given = new Set<string>();
  lines.forEach((line, index) => {
    const fail = (why: string): never => {
      throw new OpenMetricsError(`line ${index + 1}: ${why}: ${JSON.stringify(line)}`);
    };
    if (line.startsWith("#")) {
      const match = /^# (TYPE|HELP|UNIT) ([^ ]+)(?: (.*))?$/.exec(line);
      if (!match) fail("a line starting with # that is not TYPE, HELP or UNIT");
      const [, kind, name, rest = ""] = match as RegExpExecArray;
      if (!METRIC_NAME.test(name as string)) fail("not a valid metric name");
      if ((name as string).startsWith("_")) fail("metric names starting with _ are reserved");
      if (current?.name !== name) {
        if (seen.has(name as string)) fail(`family ${name} appears twice (families MUST NOT be interleaved)`);
        seen.add(name as string);
        current = { name: name as string, type: "unknown", help: undefined, unit: undefined, samples: [] };
        families.push(current);
        sampled = false;
        labelSets.clear();
        given.clear();
      }
      const family = current as MetricFamily;
      if (sampled) fail("metadata after the family's samples");
      if (given.has(kind as string)) fail(`a second ${kind} line`);
      given.add(kind as string);
      if (kind === "TYPE") {
        if (!TYPES.includes(rest)) fail(`${JSON.stringify(rest)} is not a metric type`);
        family.type = rest;
      } else if (kind === "HELP") {
        family.help = readEscaped(rest, 0, false, fail)[0];
      } else {
        if (!/^[a-zA-Z0-9_:]*$/.test(rest)) fail("not a valid unit");
        if (rest && !family.name.endsWith(`_${rest}`)) fail("the unit MUST be a suffix of the family name");
        family.unit = rest;
      }
      return;
    }
    const nameEnd = line.search(/[{ ]/);
    if (nameEnd <= 0) fail("not a sample");
    const name = line.slice(0, nameEnd);
    if (!METRIC_NAME.test(name)) fail("not a valid metric name");
    if (!current || !SUFFIXES[current.type]?.some((suffix) => `${current?.name}${suffix}` === name)) {
      fail(`sample ${name} belongs to no family declared before it`);
    }
    let labels: Record<string, string> = {};
    let at = nameEnd;
    if (line[at] === "{") [labels, at] = parseLabels(line, at, fail);
    if (line[at] !== " ") fail("no space before the value");
    const [value, timestamp, ...more] = line.slice(at + 1).split(" ");
    if (more.length > 0 || value === undefined || value === "") fail("extra text after the sample");
    if (timestamp !== undefined) parseNumber(timestamp, fail);
    const number = parseNumber(value as string, fail);
    const labelKey = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (labelSets.has(labelKey)) fail("a label set given twice in one family");
    labelSets.add(labelKey);
    sampled = true;
    current?.samples.push({ name, labels, value: number });
  });
  // § Suffixes: a family name MUST NOT make a sample name another family could also use.
  const owner = new Map<string, string>();
  for (const family of families) {
    for (const suffix of SUFFIXES[family.type] ?? [""]) {
      const sample = `${family.name}${suffix}`;
      const other = owner.get(sample);
      if (other !== undefined)
        throw new OpenMetricsError(`families ${other} and ${family.name} can both have sample ${sample}`);
      owner.set(sample, family.name);
    }
  }
  return families;
}
