import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "./project-copy.js";

const USAGE_PATH = "/v3/organizations/{org_id}/metrics/usage";

// biome-ignore lint/suspicious/noExplicitAny: a document read as data.
type Node = any;

function follow(document: Node, schema: Node): Node {
  let node = schema;
  for (let hops = 0; typeof node?.$ref === "string" && hops < 8; hops++) {
    node = node.$ref
      .slice(2)
      .split("/")
      .map((part: string) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((at: Node, part: string) => at?.[part], document);
  }
  return node;
}

function numeric(document: Node, schema: Node): boolean {
  const node = follow(document, schema);
  const types = ([] as unknown[]).concat(node?.type ?? []).filter((type) => type !== "null");
  if (types.length > 0) return types.every((type) => type === "integer" || type === "number");
  const branches: Node[] = (node?.anyOf ?? node?.oneOf ?? []).map((branch: Node) => follow(document, branch));
  const values = branches.filter((branch) => branch?.type !== "null");
  return values.length > 0 && values.every((branch) => numeric(document, branch));
}

/**
 * The metrics as the spec this test runs on declares them: the numeric properties of the
 * usage operation's 200 JSON response, in the document's order, read from the vendored
 * YAML itself (not from the command's code), so that every expectation follows the spec
 * and an upstream metric added, renamed or removed moves the tests with it.
 */
export function specMetricFields(root: string = REPO_ROOT): string[] {
  const document = parse(readFileSync(join(root, "spec", "v3-openapi.yaml"), "utf8"));
  const schema = follow(
    document,
    document.paths?.[USAGE_PATH]?.get?.responses?.["200"]?.content?.["application/json"]?.schema,
  );
  return Object.entries(schema?.properties ?? {})
    .filter(([, property]) => numeric(document, property))
    .map(([name]) => name);
}
