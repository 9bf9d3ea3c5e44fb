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

/** One path parameter that the document used in a path template but never declared. */
export interface PathParameterRepair {
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

/**
 * Declares every path-template parameter that an operation, or the path item it belongs
 * to, leaves undeclared, as a required string path parameter on that operation.
 *
 * OpenAPI requires each template expression to match a path parameter (3.1 §4.8.12.1:
 * "If in is "path", the name field MUST correspond to a template expression"), but the
 * published Devin document omits `{org_id}`. Left alone, openapi-typescript types the
 * operation with `path?: never` and openapi-fetch sends the braces literally. Nothing else
 * is changed: declared parameters, their order and every other field stay as they are.
 *
 * The input is never modified. Only what a repair touches is copied (the document, its
 * `paths`, the path item, the operation): a large document with nothing to repair costs
 * no copy at all.
 */
export function repairPathParameters(document: OpenApiDocument): RepairResult {
  const repairs: PathParameterRepair[] = [];
  for (const { path, method, pathItem, operation } of operationsOf(document)) {
    const names = templateNames(path);
    if (names.length === 0) continue;
    const declared = declaredPathParameters(document, pathItem.parameters);
    for (const name of declaredPathParameters(document, operation.parameters)) declared.add(name);
    for (const name of new Set(names)) {
      if (!declared.has(name)) repairs.push({ method, path, operationId: operation.operationId, parameter: name });
    }
  }
  if (repairs.length === 0) return { document, repairs };

  const paths = { ...document.paths };
  for (const repair of repairs) {
    const pathItem = { ...(paths[repair.path] as PathItem) };
    const operation = { ...(pathItem[repair.method] as Operation) };
    const existing = Array.isArray(operation.parameters) ? operation.parameters : [];
    operation.parameters = [
      ...existing,
      { name: repair.parameter, in: "path", required: true, schema: { type: "string" } },
    ];
    pathItem[repair.method] = operation;
    paths[repair.path] = pathItem;
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
  return `${repair.method.toUpperCase()} ${quoted(repair.path)}${id}: undeclared path parameter ${quoted(repair.parameter)} added as a required string`;
}
