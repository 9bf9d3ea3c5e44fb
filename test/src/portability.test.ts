import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";
import { REPO_ROOT } from "../support/project-copy.js";

/**
 * What the library ships (src/ but the command line) runs in browsers, Deno, Bun and edge
 * runtimes: none of Node's own globals or modules. (`globalThis.process` read as an
 * optional property is how auth.ts finds the environment where there is one.) The
 * runtimes themselves run the package in test/slow/runtimes.slow.test.ts.
 */
const NODE_ONLY_GLOBALS = new Set(["Buffer", "process", "require", "__dirname", "__filename", "setImmediate"]);
const NODE_ONLY_MEMBERS = new Set(["unref", "ref", "hrtime", "emitWarning"]);

function librarySources(folder = join(REPO_ROOT, "src")): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "cli" ? [] : librarySources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function nodeOnlyUses(file: string, text = readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (node: ts.Node) =>
    `${file.replace(`${REPO_ROOT}/`, "")}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      !node.moduleSpecifier.text.startsWith(".") &&
      node.moduleSpecifier.text !== "openapi-fetch"
    ) {
      found.push(`${where(node)} imports ${node.moduleSpecifier.text}`);
    }
    if (ts.isIdentifier(node) && NODE_ONLY_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const isMemberName = ts.isPropertyAccessExpression(parent) && parent.name === node;
      const isDeclaredName =
        (ts.isPropertySignature(parent) || ts.isPropertyAssignment(parent)) && parent.name === node;
      if (!isMemberName && !isDeclaredName) found.push(`${where(node)} uses ${node.text}`);
    }
    if (ts.isPropertyAccessExpression(node) && NODE_ONLY_MEMBERS.has(node.name.text)) {
      const through = node.expression.getText(source);
      // emitWarning only through the optional runtime process found in auth.ts.
      if (!(node.name.text === "emitWarning" && through.startsWith("runtimeProcess")))
        found.push(`${where(node)} calls .${node.name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test("the library uses no Node-only global, member or module", () => {
  const files = librarySources();
  expect(files.length).toBeGreaterThan(15);
  expect(files.flatMap((file) => nodeOnlyUses(file))).toEqual([]);
});

test("the check finds what it looks for", () => {
  const probe = 'import { setTimeout } from "node:timers";\ntimer.unref();\nBuffer.from("x");\nprocess.env.X;\n';
  expect(nodeOnlyUses("probe.ts", probe)).toEqual([
    "probe.ts:1 imports node:timers",
    "probe.ts:2 calls .unref",
    "probe.ts:3 uses Buffer",
    "probe.ts:4 uses process",
  ]);
});
