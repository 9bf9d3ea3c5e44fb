import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFinished, test, vi } from "vitest";
import { main as checkMain } from "../../scripts/check.js";
import { main as generateMain } from "../../scripts/generate.js";
import type { OpenApiDocument } from "../../scripts/lib/document/model.js";
import { assertValidStructure } from "../../scripts/lib/document/validate.js";
import { generateTypes } from "../../scripts/lib/generate/types.js";
import { main as diffMain } from "../../scripts/spec-diff.js";
import { main as fetchMain } from "../../scripts/spec-fetch.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { copyProject, type ProjectCopy } from "../support/project-copy.js";
import { runMain } from "../support/run-main.js";
import { runProcess, typecheckFile } from "../support/run-process.js";

/** Strings an attacker would put in a document, to escape wherever they are written. */
const HOSTILE: [string, string][] = [
  ["a comment end", 'h*/;globalThis.__pwned="comment";/*'],
  ["a template", "$" + "{globalThis.__pwned='template'}"],
  ["backticks", "`globalThis.__pwned='tick'`"],
  ["a closing script tag", "</script><script>globalThis.__pwned='html'</script>"],
  ["U+2028", "line\u2028globalThis.__pwned='u2028'"],
  ["U+2029", "para\u2029graph"],
  ["a newline", 'new\n";globalThis.__pwned="nl";"'],
  ["backslashes", 'back\\slash\\"'],
  ["quotes", `it's "quoted"`],
  ["a terminal escape", "\u001b[31mred\u001b[0m"],
  ["a bidi override", "admin\u202e\u2066txt.exe"],
  ["a very long name", `long${"x".repeat(5000)}`],
  ["__proto__", "__proto__"],
  ["constructor", "constructor"],
  ["toString", "toString"],
];
const NAMES = HOSTILE.map(([, text]) => text);

/** A document with hostile text in every place the pipeline copies text from. */
function hostileDocument(): OpenApiDocument {
  // Object.fromEntries makes `__proto__` an own property, as JSON.parse does.
  const properties = Object.fromEntries(
    NAMES.map((name) => [name, { type: "string", description: name, enum: NAMES }]),
  );
  return {
    openapi: "3.1.0",
    info: { title: NAMES.join(" "), version: "1", description: NAMES.join("\n") },
    paths: {
      // `{id}` is never declared, so the repair copies the operationId and path into the banner.
      "/h*/x/{id}": {
        get: {
          operationId: HOSTILE[0]?.[1],
          description: NAMES.join(" "),
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Hostile" } } },
            },
          },
        },
      },
    },
    components: { schemas: { Hostile: { type: "object", description: NAMES.join("*/"), properties } } },
  };
}

/** Top-level statements of a generated file that do something other than declare types or data. */
function codeIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const isData = (node: ts.Node): boolean => {
    if (ts.isStringLiteral(node) || ts.isNumericLiteral(node)) return true;
    if ([ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword].includes(node.kind))
      return true;
    if (ts.isPrefixUnaryExpression(node)) return ts.isNumericLiteral(node.operand);
    if (ts.isArrayLiteralExpression(node)) return node.elements.every(isData);
    if (ts.isObjectLiteralExpression(node)) {
      return node.properties.every(
        (property) =>
          ts.isPropertyAssignment(property) &&
          (ts.isStringLiteral(property.name) ||
            (ts.isComputedPropertyName(property.name) && ts.isStringLiteral(property.name.expression))) &&
          isData(property.initializer),
      );
    }
    return false;
  };
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) continue;
    if (ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.Const) {
      const ok = statement.declarationList.declarations.every(
        (declaration) => declaration.initializer !== undefined && isData(declaration.initializer),
      );
      if (ok) continue;
    }
    found.push(statement.getText().slice(0, 80));
  }
  return found;
}

describe("hostile text in the document stays data", () => {
  let project: ProjectCopy;
  let generated: { types: string; schemas: string };
  let generateResult: Awaited<ReturnType<typeof runMain>>;

  beforeAll(async () => {
    project = await copyProject();
    await writeFile(join(project.root, "spec", "v3-openapi.yaml"), JSON.stringify(hostileDocument(), null, 2));
    generateResult = await runMain(generateMain, ["--root", project.root]);
    generated = {
      types: await readFile(join(project.root, "generated", "devin-v3.ts"), "utf8"),
      schemas: await readFile(join(project.root, "generated", "devin-v3-schemas.ts"), "utf8"),
    };
  });
  afterAll(async () => {
    await project.remove();
  });

  test("generate succeeds, and its warning line shows the names escaped", () => {
    expect(generateResult.code).toBe(0);
    const warning = generateResult.stderr.split("\n").find((line) => line.startsWith("warning:")) ?? "";
    expect(warning).toContain('(operationId "h*\\/;globalThis.__pwned=\\"comment\\";/*")');
    expect(generateResult.stderr).not.toContain("\u001b");
  });

  test.each([
    ["types", () => generated.types],
    ["schemas", () => generated.schemas],
  ])("the %s file's banner is one comment, closed only at its end", (_name, text) => {
    const content = text();
    const bannerEnd = content.indexOf("\n */\n\n");
    expect(bannerEnd).toBeGreaterThan(0);
    expect(content.indexOf("*/")).toBe(bannerEnd + 2);
    expect(content.slice(0, bannerEnd)).not.toMatch(/[\u2028\u2029]/);
  });

  test.each([
    ["devin-v3.ts", () => generated.types],
    ["devin-v3-schemas.ts", () => generated.schemas],
  ])("%s declares only types and literal data: no statement runs anything", (file, text) => {
    expect(codeIn(file, text())).toEqual([]);
  });

  test("the output compiles, and every hostile name survives unchanged in the types", async () => {
    const consumer = [
      'import type { components } from "./generated/devin-v3.js";',
      'import { componentSchemas } from "./generated/devin-v3-schemas.js";',
      'type Hostile = components["schemas"]["Hostile"];',
      `export const names: (keyof Hostile)[] = ${JSON.stringify(NAMES)};`,
      `export const values: NonNullable<Hostile[keyof Hostile]>[] = ${JSON.stringify(NAMES)};`,
      "export const keep = componentSchemas;",
      "",
    ].join("\n");
    await writeFile(join(project.root, "hostile-consumer.ts"), consumer);
    const result = await typecheckFile(project.root, "hostile-consumer.ts");
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  test("importing the generated modules has no side effect, and `__proto__` stays a property", async () => {
    const probe = `
      const schemas = await import(${JSON.stringify(join(project.root, "generated", "devin-v3-schemas.ts"))});
      const types = await import(${JSON.stringify(join(project.root, "generated", "devin-v3.ts"))});
      const properties = schemas.componentSchemas.Hostile.properties;
      console.log(JSON.stringify({
        pwned: globalThis.__pwned ?? null,
        exports: [...Object.keys(schemas), ...Object.keys(types)].sort(),
        names: Object.keys(properties),
        protoIsOwn: Object.hasOwn(properties, "__proto__"),
        prototypeUntouched: Object.getPrototypeOf(properties) === Object.prototype,
        descriptions: Object.values(properties).map((property) => property.description),
      }));`;
    const result = await runProcess(process.execPath, ["--import", "tsx", "--input-type=module", "-e", probe], {
      cwd: project.root,
    });
    expect(result.stderr).toBe("");
    const seen = JSON.parse(result.stdout);
    expect(seen).toEqual({
      pwned: null,
      exports: ["componentSchemas", "responseSchemas"],
      names: NAMES,
      protoIsOwn: true,
      prototypeUntouched: true,
      descriptions: NAMES,
    });
  });

  test("check --full calls the hostile output current (it is what the spec generates)", async () => {
    const result = await runMain(checkMain, ["--root", project.root, "--full"]);
    // The lock still records the vendored spec, so check fails on that, and only on that.
    expect(result.stderr).toContain("is not the document");
    expect(result.stderr).not.toContain("generated/devin-v3");
  });
});

describe("references outside the document are refused, never followed", () => {
  const marker = `MARKER-${randomBytes(8).toString("hex")}`;
  let dir: string;
  let server: TestServer;
  let project: ProjectCopy;
  let markerFile: string;
  const pristine = new Map<string, string>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "devin-refs-"));
    markerFile = join(dir, "secret.yaml");
    await writeFile(markerFile, `type: string\ndescription: ${marker}\n`);
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/yaml" });
      response.end(`type: string\ndescription: ${marker}\n`);
    });
    project = await copyProject();
    // A sibling file, for the relative reference: resolved against spec/, it exists.
    await writeFile(join(project.root, "spec", "secret.yaml"), `type: string\ndescription: ${marker}\n`);
    for (const file of ["spec/v3-openapi.yaml", "spec/v3-openapi.lock.json"])
      pristine.set(file, await readFile(join(project.root, file), "utf8"));
  });
  afterAll(async () => {
    await server?.close();
    await project?.remove();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    for (const [file, text] of pristine) await writeFile(join(project.root, file), text);
  });

  const withRef = (ref: Record<string, unknown>): OpenApiDocument => ({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/a": {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/S" } } },
            },
          },
        },
      },
    },
    components: { schemas: { S: { type: "object", properties: { leak: ref } } } },
  });
  const cases: [string, () => Record<string, unknown>, RegExp][] = [
    ["an absolute file path", () => ({ $ref: markerFile }), /external reference ".*secret\.yaml"/],
    ["a relative file path", () => ({ $ref: "./secret.yaml" }), /external reference "\.\/secret\.yaml"/],
    ["a URL", () => ({ $ref: `${server.url}/x.yaml` }), /external reference "http:\/\/127\.0\.0\.1:\d+\/x\.yaml"/],
    ["a file URL", () => ({ $ref: `file://${markerFile}` }), /external reference "file:\/\//],
    ["a $dynamicRef to a URL", () => ({ $dynamicRef: `${server.url}/x.yaml` }), /names something outside the document/],
    [
      "a discriminator mapping to a file",
      () => ({ oneOf: [{ type: "string" }], discriminator: { propertyName: "k", mapping: { a: "./secret.yaml" } } }),
      /external reference "\.\/secret\.yaml"/,
    ],
  ];

  const offline = (output: { stdout: string; stderr: string }) => {
    expect(server.requests).toEqual([]);
    expect(output.stdout + output.stderr).not.toContain(marker);
  };

  test.each(cases)("%s: spec:fetch, spec:diff, generate and check exit 2 naming where", async (_name, ref, message) => {
    const documentFile = join(dir, "with-ref.json");
    await writeFile(documentFile, JSON.stringify(withRef(ref())));
    const where = /at \/components\/schemas\/S\/properties\/leak\/(\$ref|\$dynamicRef|discriminator\/mapping\/a)/;
    for (const [command, args] of [
      [fetchMain, ["--root", project.root, "--file", documentFile]],
      [diffMain, ["--file", documentFile]],
    ] as const) {
      const result = await runMain(command, args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(where);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      offline(result);
    }
    expect(await readFile(join(project.root, "spec", "v3-openapi.yaml"), "utf8")).toBe(
      pristine.get("spec/v3-openapi.yaml"),
    );
    // The same document put into spec/ by hand: generation and the check refuse it too.
    await writeFile(join(project.root, "spec", "v3-openapi.yaml"), JSON.stringify(withRef(ref())));
    for (const command of [generateMain, checkMain]) {
      const result = await runMain(command, ["--root", project.root, "--full"].slice(0, command === checkMain ? 3 : 2));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(where);
      offline(result);
    }
    const generatedText = await readFile(join(project.root, "generated", "devin-v3.ts"), "utf8");
    expect(generatedText).not.toContain(marker);
  });

  /**
   * `$ref`-shaped data where the specification puts no Reference Object: examples (JSON of
   * API answers, which may hold any key), defaults, enums,
   * `const`, extensions and `info`. And an `$id` on a schema (Scalar's Galaxy example sets one
   * on a component): accepted, and what it names is never read.
   */
  const dataRefs = () => {
    const outside = [{ $ref: `${server.url}/data.yaml` }, { $ref: markerFile }, { $ref: "#/nowhere" }];
    const document = withRef({ type: "string", enum: ["a", ...outside], default: outside[0] });
    const components = document.components as Record<string, Record<string, unknown>>;
    const schemas = components.schemas as Record<string, Record<string, unknown>>;
    schemas.S = {
      ...schemas.S,
      $id: `${server.url}/base/S.json`,
      $anchor: "S",
      example: { nested: outside },
      examples: [outside[1]],
      "x-data": outside[0],
      "x-list": outside,
    };
    schemas.Const = { const: outside[1] };
    components.examples = { E: { value: { $ref: `${server.url}/example.yaml`, items: outside } } };
    document.info = { ...document.info, "x-logo": outside[0] };
    // biome-ignore lint/suspicious/noExplicitAny: one corner of the document is edited.
    const media = (document.paths["/a"] as any).get.responses["200"].content["application/json"];
    media.example = outside[2];
    media.examples = { named: { value: outside[0] }, shared: { $ref: "#/components/examples/E" } };
    return document;
  };

  test("$ref keys in data and an $id are accepted: vendored, generated, diffed, nothing read or fetched", async () => {
    const documentFile = join(dir, "data-refs.json");
    await writeFile(documentFile, JSON.stringify(dataRefs()));
    const fetched = await runMain(fetchMain, ["--root", project.root, "--file", documentFile]);
    expect(fetched.stderr).not.toMatch(/^error/m);
    expect(fetched.code).toBe(0);
    const generated = await runMain(generateMain, ["--root", project.root]);

    expect(generated.code).toBe(0);
    const vendored = join(project.root, "spec", "v3-openapi.yaml");
    const diffed = await runMain(diffMain, ["--base", vendored, "--file", documentFile]);
    expect(diffed.code).toBe(0);
    for (const result of [fetched, generated, diffed]) offline(result);
    const types = await readFile(join(project.root, "generated", "devin-v3.ts"), "utf8");
    expect(types).not.toContain(marker);
    // The reference beside the $id is resolved in the document, as if there were no $id.
    expect(types).toMatch(/"application\/json": components\["schemas"\]\["S"\]/);
  });

  test("underneath that refusal, the generator and the validator cannot load an external reference either", async () => {
    // openapi-typescript prints each refusal with console.error as it meets it: captured
    // here, so a passing run prints nothing that looks like an error, and checked.
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    onTestFinished(() => printed.mockRestore());
    for (const ref of [{ $ref: `${server.url}/x.yaml` }, { $ref: markerFile }]) {
      const types = await generateTypes(withRef(ref)).catch((error: Error) => error.message);
      expect(types).not.toContain(marker);
      const structure = await assertValidStructure(withRef(ref), "doc").then(
        () => "valid",
        (error: Error) => error.message,
      );
      expect(structure).not.toContain(marker);
    }
    expect(server.requests).toEqual([]);
    expect(printed.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringContaining("refused: only #/… references are followed"),
      expect.stringContaining("refused: only #/… references are followed"),
    ]);
  });
});
