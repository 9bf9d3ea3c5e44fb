import { childOf, type ObjectKind } from "./openapi-objects.js";
import { positionsOf } from "./positions.js";

/**
 * Where the line between a warning and a refusal runs, for what Redocly's struct rule
 * finds (docs/documents.md). A refusal is for what the generator cannot read or would
 * read wrongly outside schemas: a parameter list that is a string, a response that is a
 * number, a parameter `in: body`. A warning is for what it reads leniently and that
 * endangers nothing:
 * - anything inside a Schema Object: JSON Schema ignores keywords it does not know
 *   (2020-12 §6.5; OpenAI's `nullable`, `min_items`, `optional` in 3.1), and the generator
 *   types a keyword it cannot use as if it were absent (`type: int64`, `type: 'null'` in
 *   3.0, a `null` schema as `unknown`). Where a schema stands but a string or number does,
 *   the gate refuses before this (`assertSelfContained`): the generator fails on those;
 * - a field the specification does not define, anywhere (Directus' `responses` on a path
 *   item): no tool reads it;
 * - a required field that is missing, except where the generator cannot do without it
 *   (`NEEDED`).
 */
export type Verdict = "warning" | "refusal" | "tolerated";

/**
 * Redocly's struct rule calls `nullable` without a sibling `type` an error, but OpenAPI
 * 3.0.3 (§4.7.24.1, `nullable`) defines that case ("only if type is explicitly defined":
 * it then has no effect), and real documents rely on it: GitHub's REST description has
 * 135 of them. Valid, so not even a warning.
 */
const TOLERATED = new Set(["The `type` field must be defined when the `nullable` field is used."]);

const UNKNOWN_FIELD = /^Property `.*` is not expected here\.$/s;
const MISSING_FIELD = /^The field `(.*)` must be present on this level\.$/s;

/**
 * Required fields whose absence the generator reads wrongly: a parameter without `name` is
 * typed as a property named "undefined", one without `in` is dropped. Any other missing
 * field it does without (an operation without `responses` is typed `responses: never`, a
 * response without `description` as any other).
 */
const NEEDED: Partial<Record<ObjectKind, ReadonlySet<string>>> = { Parameter: new Set(["name", "in"]) };

/** Whether a problem Redocly's struct rule reports is a warning or a refusal. */
export function verdictOf(document: object, message: string, pointer: string): Verdict {
  if (TOLERATED.has(message)) return "tolerated";
  if (UNKNOWN_FIELD.test(message)) return "warning";
  const kind = kindAt(document, pointer);
  if (kind === "Schema") return "warning";
  const missing = MISSING_FIELD.exec(message)?.[1];
  if (missing !== undefined) return kind !== undefined && NEEDED[kind]?.has(missing) ? "refusal" : "warning";
  return "refusal";
}

/** RFC 6901 tokens of a pointer as Redocly writes them (`#/a/b~1c`: escaped, not percent-encoded). */
function tokensOf(pointer: string): string[] {
  const path = pointer.replace(/^#?\/?/, "");
  return path === "" ? [] : path.split("/").map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/**
 * The kind of OpenAPI object a place is in: that of the deepest object on the way to it
 * that stands where the specification puts one (reached through references too), or what
 * the specification puts at a place that holds no object (a `schema: null`).
 */
function kindAt(document: object, pointer: string): ObjectKind | undefined {
  const { kinds } = positionsOf(document);
  let node: unknown = document;
  let kind = kinds.get(document);
  /** When `node` is a list or map of OpenAPI objects (`properties`, `parameters`): what its entries are. */
  let entries: ObjectKind | undefined;
  /** Whether `node` is data inside `kind` (an example, an extension): none of its keys is a field. */
  let inData = false;
  for (const token of tokensOf(pointer)) {
    const child = entries === undefined && !inData && kind !== undefined ? childOf(kind, token) : undefined;
    const expected = entries ?? (child?.holds === "one" ? child.kind : undefined);
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, token)) return expected ?? kind;
    node = (node as Record<string, unknown>)[token];
    const known = typeof node === "object" && node !== null ? kinds.get(node) : undefined;
    entries = known === undefined && expected === undefined && child?.holds !== "one" ? child?.kind : undefined;
    if (known !== undefined || expected !== undefined) {
      kind = known ?? expected;
      inData = false;
    } else if (entries === undefined) inData = true;
  }
  return kind;
}
