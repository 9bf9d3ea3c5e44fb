import { describe, expect, test } from "vitest";
import { OpenMetricsError, parseOpenMetrics } from "./openmetrics-parser.js";

/** The parser that checks `devin-usage --format openmetrics` must itself refuse what the format forbids. */
describe("the strict OpenMetrics parser", () => {
  test("reads families, metadata, escaped label values and numbers", () => {
    const families = parseOpenMetrics(
      [
        "# TYPE a_seconds gauge",
        "# UNIT a_seconds seconds",
        '# HELP a_seconds Some text and \\n some \\" escaping',
        'a_seconds{x="1",y="q\\"\\\\\\n"} 17.5',
        "a_seconds 3e2",
        "# TYPE b counter",
        "b_total +Inf",
        "b_created 1520430000.123",
        "# EOF",
        "",
      ].join("\n"),
    );
    expect(families).toEqual([
      {
        name: "a_seconds",
        type: "gauge",
        unit: "seconds",
        help: 'Some text and \n some " escaping',
        samples: [
          { name: "a_seconds", labels: { x: "1", y: 'q"\\\n' }, value: 17.5 },
          { name: "a_seconds", labels: {}, value: 300 },
        ],
      },
      {
        name: "b",
        type: "counter",
        help: undefined,
        unit: undefined,
        samples: [
          { name: "b_total", labels: {}, value: Number.POSITIVE_INFINITY },
          { name: "b_created", labels: {}, value: 1520430000.123 },
        ],
      },
    ]);
  });

  test("characters beyond the BMP are characters, in HELP and label values alike", () => {
    const [family] = parseOpenMetrics('# TYPE a gauge\n# HELP a 𝁧 🚀\na{x="𖤸"} 1\n# EOF\n');
    expect(family?.help).toBe("𝁧 🚀");
    expect(family?.samples[0]?.labels).toEqual({ x: "𖤸" });
  });

  test.each([
    ["no # EOF", "# TYPE a gauge\na 1\n"],
    ["text after # EOF", "# TYPE a gauge\na 1\n# EOF\na 2\n"],
    ["a carriage return", "# TYPE a gauge\r\na 1\n# EOF\n"],
    ["an unknown type", "# TYPE a meter\n# EOF\n"],
    ["a name that is not valid", "# TYPE 1a gauge\n# EOF\n"],
    ["a reserved name", "# TYPE _a gauge\n# EOF\n"],
    ["a gauge sample with a suffix", "# TYPE a gauge\na_total 1\n# EOF\n"],
    ["a sample of no declared family", "a 1\n# EOF\n"],
    ["interleaved families", "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\n# TYPE a gauge\n# EOF\n"],
    ["two TYPE lines", "# TYPE a gauge\n# TYPE a gauge\n# EOF\n"],
    ["metadata after samples", "# TYPE a gauge\na 1\n# HELP a late\n# EOF\n"],
    ["a duplicate label set", '# TYPE a gauge\na{x="1"} 1\na{x="1"} 2\n# EOF\n'],
    ["a label given twice", '# TYPE a gauge\na{x="1",x="2"} 1\n# EOF\n'],
    ["a reserved label name", '# TYPE a gauge\na{_x="1"} 1\n# EOF\n'],
    ["an unquoted label value", "# TYPE a gauge\na{x=1} 1\n# EOF\n"],
    ["an undefined escape", '# TYPE a gauge\na{x="\\u001b"} 1\n# EOF\n'],
    ["an unescaped quote in HELP", '# TYPE a gauge\n# HELP a say "hi"\n# EOF\n'],
    ["a value that is not a number", "# TYPE a gauge\na one\n# EOF\n"],
    ["a comment line", "# TYPE a gauge\n# just a comment\n# EOF\n"],
    ["a unit that is not the name's suffix", "# TYPE a gauge\n# UNIT a seconds\n# EOF\n"],
    ["names whose samples clash", "# TYPE a counter\n# TYPE a_total gauge\n# EOF\n"],
    ["a lone surrogate", `# TYPE a gauge\na{x="\ud800"} 1\n# EOF\n`],
  ])("refuses %s", (_name, exposition) => {
    expect(() => parseOpenMetrics(exposition)).toThrow(OpenMetricsError);
  });
});
