import { templateNames } from "../../../src/path-template.js";
import { quoted } from "../../../src/untrusted-text.js";
import {
  type HttpMethod,
  isRecord,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  type PathItem,
  resolveLocalRef,
} from "../document/model.js";

/**
 * What the repair changed about one path parameter:
 * - `undeclared`: the document used it in a path template but never declared it; it is
 *   declared as a required string;
 * - `nullable`: it is declared with a schema that admits null, which a path segment
 *   never is; the schema is narrowed to its non-null part.
 */
export type RepairKind = "undeclared" | "nullable";

export interface PathParameterRepair {
  kind: RepairKind;
  method: HttpMethod;
  path: string;
  operationId: string | undefined;
  parameter: string;
}

export interface RepairResult {
  /** A repaired copy; the input document is never modified. */
  document: OpenApiDocument;
  repairs: PathParameterRepair[];
}

function declaredPathParameters(document: OpenApiDocument, parameters: unknown): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(parameters)) return names;
  for (const entry of parameters) {
    const parameter = resolveLocalRef(document, entry);
    if (isRecord(parameter) && parameter.in === "path" && typeof parameter.name === "string") {
      names.add(parameter.name);
    }
  }
  return names;
}

function isNullSchema(schema: unknown): boolean {
  if (!isRecord(schema)) return false;
  const { type } = schema;
  return type === "null" || (Array.isArray(type) && type.length === 1 && type[0] === "null");
}

/**
 * The schema without null, when it admits null in one of its spellings: OpenAPI 3.0's
 * `nullable: true`, 3.1's `type: [T, "null"]`, or an `anyOf`/`oneOf` with a null branch
 * (what FastAPI emits for `Optional[str]`). `undefined` when null is not admitted. A
 * single remaining branch replaces the `anyOf`, keeping the schema's other keywords
 * (`title`, `example`, …).
 */
function withoutNull(document: OpenApiDocument, schema: unknown): Record<string, unknown> | undefined {
  const resolved = resolveLocalRef(document, schema);
  if (!isRecord(resolved)) return undefined;
  if (resolved.nullable === true) {
    const { nullable: _nullable, ...rest } = resolved;
    return rest;
  }
  if (Array.isArray(resolved.type) && resolved.type.includes("null")) {
    const types = resolved.type.filter((type) => type !== "null");
    return { ...resolved, type: types.length === 1 ? types[0] : types };
  }
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const branches = resolved[keyword];
    if (!Array.isArray(branches)) continue;
    const kept = branches.filter((branch) => !isNullSchema(resolveLocalRef(document, branch)));
    if (kept.length === branches.length || kept.length === 0) continue;
    const { [keyword]: _branches, ...rest } = resolved;
    const only = resolveLocalRef(document, kept[0]);
    return kept.length === 1 && isRecord(only) ? { ...rest, ...only } : { ...rest, [keyword]: kept };
  }
  return undefined;
}

/** A parameter list with each nullable path parameter narrowed; `undefined` when none is. */
function narrowedParameters(
  document: OpenApiDocument,
  parameters: unknown,
): { parameters: unknown[]; names: string[] } | undefined {
  if (!Array.isArray(parameters)) return undefined;
  const names: string[] = [];
  const narrowed = parameters.map((entry) => {
    const parameter = resolveLocalRef(document, entry);
    if (!isRecord(parameter) || parameter.in !== "path" || typeof parameter.name !== "string") return entry;
    const schema = withoutNull(document, parameter.schema);
    if (schema === undefined) return entry;
    names.push(parameter.name);
    // A parameter declared by reference becomes an inline copy: the shared one stays as published.
    return { ...parameter, schema };
  });
  return names.length === 0 ? undefined : { parameters: narrowed, names };
}

/**
 * Makes every path parameter of every operation what a URL segment can be:
 *
 * - a path-template parameter that an operation, or its path item, leaves undeclared is
 *   declared on the operation as a required string. OpenAPI requires each template
 *   expression to match a path parameter (3.1 §4.8.12.1), but the published Devin
 *   document omits `{org_id}`; left alone, openapi-typescript types the operation with
 *   `path?: never` and openapi-fetch sends the braces literally;
 * - a declared path parameter whose schema admits null (`anyOf: [string, null]` in newer
 *   published operations) is narrowed to its non-null schema: a path segment is never
 *   null (3.1 §4.8.12.1: path parameters are required), and `string | null` would let a
 *   caller send the text "null".
 *
 * Nothing else changes: parameter order and every other field stay as they are. The
 * input is never modified; only what a repair touches is copied (the document, its
 * `paths`, the path item, the operation), so a large document with nothing to repair
 * costs no copy at all.
 */
export function repairPathParameters(document: OpenApiDocument): RepairResult {
  const repairs: PathParameterRepair[] = [];
  const edits: { path: string; method: HttpMethod; itemParameters?: unknown[]; parameters?: unknown[] }[] = [];
  for (const { path, method, pathItem, operation } of operationsOf(document)) {
    const names = templateNames(path);
    if (names.length === 0) continue;
    const repair = (kind: RepairKind, parameter: string) =>
      repairs.push({ kind, method, path, operationId: operation.operationId, parameter });
    const itemNarrowed = narrowedParameters(document, pathItem.parameters);
    const operationNarrowed = narrowedParameters(document, operation.parameters);
    for (const name of [...(itemNarrowed?.names ?? []), ...(operationNarrowed?.names ?? [])]) repair("nullable", name);
    const declared = declaredPathParameters(document, pathItem.parameters);
    for (const name of declaredPathParameters(document, operation.parameters)) declared.add(name);
    const undeclared = [...new Set(names)].filter((name) => !declared.has(name));
    for (const name of undeclared) repair("undeclared", name);
    if (undeclared.length === 0 && !itemNarrowed && !operationNarrowed) continue;
    const existing = operationNarrowed?.parameters ?? (Array.isArray(operation.parameters) ? operation.parameters : []);
    edits.push({
      path,
      method,
      itemParameters: itemNarrowed?.parameters,
      parameters:
        undeclared.length === 0 && !operationNarrowed
          ? undefined
          : [
              ...existing,
              ...undeclared.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
            ],
    });
  }
  if (edits.length === 0) return { document, repairs };

  const paths = { ...document.paths };
  for (const edit of edits) {
    const pathItem = { ...(paths[edit.path] as PathItem) };
    if (edit.itemParameters) pathItem.parameters = edit.itemParameters;
    if (edit.parameters)
      pathItem[edit.method] = { ...(pathItem[edit.method] as Operation), parameters: edit.parameters };
    paths[edit.path] = pathItem;
  }
  return { document: { ...document, paths }, repairs };
}

/**
 * The warning printed for a repair, and (without the prefix) the line in the banner. The
 * path, operationId and name come from the document, so each is a quoted literal
 * (`quoted`): it reads the same, and cannot end the banner's comment or a terminal line.
 */
export function describeRepair(repair: PathParameterRepair): string {
  const id = typeof repair.operationId === "string" ? ` (operationId ${quoted(repair.operationId)})` : "";
  const what =
    repair.kind === "undeclared"
      ? `undeclared path parameter ${quoted(repair.parameter)} added as a required string`
      : `path parameter ${quoted(repair.parameter)} admits null; narrowed to its non-null schema`;
  return `${repair.method.toUpperCase()} ${quoted(repair.path)}${id}: ${what}`;
}
