import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { rulesMarkdown, withReadmeRulesTable } from "../../scripts/lib/diff/report/rules-table.js";
import { RULES } from "../../scripts/lib/diff/rules.js";
import { REPO_ROOT } from "../support/project-copy.js";

test("docs/rules.md is what the rule registry gives (run `npm run docs` after changing a rule)", async () => {
  const committed = await readFile(join(REPO_ROOT, "docs", "rules.md"), "utf8");
  expect(committed).toBe(rulesMarkdown());
  for (const id of Object.keys(RULES)) expect(committed).toContain(`\`${id}\``);
});

test("the README's table of rules is what the rule registry gives", async () => {
  const readme = await readFile(join(REPO_ROOT, "README.md"), "utf8");
  expect(readme).toBe(withReadmeRulesTable(readme));
});
