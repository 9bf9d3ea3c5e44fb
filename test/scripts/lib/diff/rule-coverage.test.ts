import { describe, expect, test } from "vitest";
import { diffDocuments } from "../../../../scripts/lib/diff/diff-documents.js";
import { RULES } from "../../../../scripts/lib/diff/rules.js";
import { CHANGE_CASES } from "../../../fixtures/change-cases.js";
import { NAMED_RULE_CASES } from "../../../fixtures/named-rule-cases.js";
import { schemaRuleCases } from "../../../fixtures/rule-cases.js";

const reported = (base: Parameters<typeof diffDocuments>[0], revision: Parameters<typeof diffDocuments>[1]) =>
  diffDocuments(base, revision).changes.map(({ id, level }) => ({ id, level }));

describe("every rule has a fixture pair of its own, and reports exactly what it expects", () => {
  test.each(schemaRuleCases())("%s", (id, base, revision) => {
    expect(reported(base, revision)).toEqual([{ id, level: RULES[id]?.level }]);
  });

  test.each(NAMED_RULE_CASES)("%s", (id, base, revision) => {
    expect(reported(base, revision)).toEqual([{ id, level: RULES[id]?.level }]);
  });

  test("no rule of the registry is without a case (named, schema table, or the change cases on the Devin spec)", () => {
    const covered = new Set([
      ...schemaRuleCases().map(([id]) => id),
      ...NAMED_RULE_CASES.map(([id]) => id),
      ...CHANGE_CASES.map(([, changeCase]) => changeCase.want.id),
    ]);
    expect(Object.keys(RULES).filter((id) => !covered.has(id))).toEqual([]);
  });

  test("the rules of changes inside a schema are not reported when the schema is the same, reordered or reformatted", () => {
    for (const [, base] of schemaRuleCases()) {
      expect(reported(base, structuredClone(base))).toEqual([]);
    }
  });
});
