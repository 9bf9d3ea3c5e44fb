import { COMPONENT_SCHEMAS, pointer } from "../../../src/json-pointer.js";
import { PATH_TEMPLATE, templateNames } from "../../../src/path-template.js";
import {
  type HttpMethod,
  isRecord,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  resolveLocalRef,
} from "../document/model.js";
import { type Root, reachFromRoots } from "./reach.js";
import type { WorkCounter } from "./work.js";

export interface ParameterModel {
  name: string;
  in: string;
  required: boolean;
  schema: unknown;
  pointer: string;
  deprecated: boolean;
  /** The `x-sunset` extension as written: when a deprecated parameter may go. */
  sunset: unknown;
  /** How the value is serialised (OpenAPI 3.1 §4.8.12.4): `form` and exploded by default in a query. */
  style: string;
  explode: boolean;
}

export interface ContentModel {
  /** Schema by media type. */
  content: Map<string, unknown>;
  pointer: string;
}

export interface HeaderModel {
  required: boolean;
  schema: unknown;
  pointer: string;
}

export interface ResponseModel extends ContentModel {
  /** By lower-case name (header names are case-insensitive). */
  headers: Map<string, HeaderModel>;
}

export interface OperationModel {
  /** `GET /path/{id}`, as the document spells it. */
  key: string;
  method: HttpMethod;
  path: string;
  pointer: string;
  deprecated: boolean;
  /** The `x-sunset` extension as written: when a deprecated operation may go. */
  sunset: unknown;
  /** The `x-stability-level` extension as written (`draft`, `alpha`, `beta`, `stable`). */
  stability: unknown;
  /** The operation as written, to tell whether it changed at all (and its `security`). */
  source: Operation;
  /** By `in:name`; path parameters by their position in the template (`path:0`). */
  parameters: Map<string, ParameterModel>;
  requestBody: (ContentModel & { required: boolean }) | undefined;
  responses: Map<string, ResponseModel>;
}

/** What the differ compares: one document's operations and schemas, normalised. */
export interface ApiModel {
  document: OpenApiDocument;
  /** By method and path with template names blanked (`GET /a/{}`), so a renamed path parameter still matches. */
  operations: Map<string, OperationModel>;
  /** Normalised path → the path as written. */
  paths: Map<string, string>;
  /** OpenAPI 3.1 webhooks: `METHOD name` → the operation, as for paths. */
  webhookOperations: Map<string, OperationModel>;
  webhooks: Set<string>;
  schemas: Map<string, unknown>;
}

/** `/orgs/{org_id}/x` → `/orgs/{}/x`: paths that differ only in parameter names are one path. */
export function normalisePath(path: string): string {
  return path.replace(PATH_TEMPLATE, "{}");
}

function contentOf(value: unknown): Map<string, unknown> {
  const content = new Map<string, unknown>();
  if (!isRecord(value) || !isRecord(value.content)) return content;
  for (const [mediaType, media] of Object.entries(value.content)) {
    content.set(mediaType.toLowerCase(), isRecord(media) ? media.schema : undefined);
  }
  return content;
}

/** A parameter's `style` and `explode`, with the defaults of its location. */
function serialisation(parameter: Record<string, unknown>): { style: string; explode: boolean } {
  const defaults = new Map([
    ["query", "form"],
    ["cookie", "form"],
    ["path", "simple"],
    ["header", "simple"],
  ]);
  const style = typeof parameter.style === "string" ? parameter.style : (defaults.get(String(parameter.in)) ?? "form");
  const explode = typeof parameter.explode === "boolean" ? parameter.explode : style === "form";
  return { style, explode };
}

function parametersOf(
  document: OpenApiDocument,
  path: string,
  lists: { entries: unknown; pointer: string }[],
): Map<string, ParameterModel> {
  const names = templateNames(path);
  const parameters = new Map<string, ParameterModel>();
  for (const list of lists) {
    if (!Array.isArray(list.entries)) continue;
    list.entries.forEach((entry, index) => {
      const parameter = resolveLocalRef(document, entry);
      if (!isRecord(parameter) || typeof parameter.name !== "string" || typeof parameter.in !== "string") return;
      const position = names.indexOf(parameter.name);
      const key = parameter.in === "path" && position >= 0 ? `path:${position}` : `${parameter.in}:${parameter.name}`;
      parameters.set(key, {
        name: parameter.name,
        in: parameter.in,
        required: parameter.required === true || parameter.in === "path",
        schema: parameter.schema,
        pointer: `${list.pointer}/${index}`,
        deprecated: parameter.deprecated === true,
        sunset: parameter["x-sunset"],
        ...serialisation(parameter),
      });
    });
  }
  return parameters;
}

function headersOf(document: OpenApiDocument, response: unknown, at: string): Map<string, HeaderModel> {
  const headers = new Map<string, HeaderModel>();
  if (!isRecord(response) || !isRecord(response.headers)) return headers;
  for (const [name, raw] of Object.entries(response.headers)) {
    const header = resolveLocalRef(document, raw);
    if (!isRecord(header)) continue;
    headers.set(name.toLowerCase(), {
      required: header.required === true,
      schema: header.schema,
      pointer: `${at}${pointer("headers", name)}`,
    });
  }
  return headers;
}

/** The operations of a `paths` or `webhooks` section, by method and normalised path (or webhook name). */
function operationModels(
  document: OpenApiDocument,
  section: "paths" | "webhooks",
  items: Record<string, unknown>,
): Map<string, OperationModel> {
  const operations = new Map<string, OperationModel>();
  const pathItems = Object.fromEntries(
    Object.entries(items).map(([key, item]) => [key, resolveLocalRef(document, item)]),
  );
  for (const { path, method, pathItem, operation } of operationsOf({
    ...document,
    paths: pathItems as OpenApiDocument["paths"],
  })) {
    const operationPointer = pointer(section, path, method);
    const body = resolveLocalRef(document, operation.requestBody);
    const responses = new Map<string, ResponseModel>();
    for (const [status, raw] of Object.entries(isRecord(operation.responses) ? operation.responses : {})) {
      const response = resolveLocalRef(document, raw);
      const at = `${operationPointer}${pointer("responses", status)}`;
      responses.set(status.toUpperCase(), {
        content: contentOf(response),
        pointer: at,
        headers: headersOf(document, response, at),
      });
    }
    operations.set(`${method.toUpperCase()} ${section === "paths" ? normalisePath(path) : path}`, {
      key: `${method.toUpperCase()} ${path}`,
      method,
      path,
      pointer: operationPointer,
      deprecated: operation.deprecated === true,
      sunset: operation["x-sunset"],
      stability: operation["x-stability-level"],
      source: operation,
      parameters: parametersOf(document, path, [
        { entries: pathItem.parameters, pointer: `${pointer(section, path)}/parameters` },
        { entries: operation.parameters, pointer: `${operationPointer}/parameters` },
      ]),
      requestBody: isRecord(body)
        ? { required: body.required === true, content: contentOf(body), pointer: `${operationPointer}/requestBody` }
        : undefined,
      responses,
    });
  }
  return operations;
}

/** Normalises a document into the operations and schemas the differ compares. */
export function buildApiModel(document: OpenApiDocument): ApiModel {
  const paths = new Map<string, string>();
  for (const path of Object.keys(document.paths)) paths.set(normalisePath(path), path);
  const webhooks = isRecord(document.webhooks) ? document.webhooks : {};
  const schemas = new Map(Object.entries(isRecord(document.components?.schemas) ? document.components.schemas : {}));
  return {
    document,
    operations: operationModels(document, "paths", document.paths),
    paths,
    webhookOperations: operationModels(document, "webhooks", webhooks),
    webhooks: new Set(Object.keys(webhooks)),
    schemas,
  };
}

/**
 * Component schema names referenced directly (not through other components) in a value:
 * iteratively, and each object once.
 */
function directSchemaRefs(document: OpenApiDocument, value: unknown, found: Set<string>, work: WorkCounter): void {
  const pending: unknown[] = [value];
  const seen = new Set<unknown>();
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== "object" || item === null || seen.has(item)) continue;
    seen.add(item);
    work.take();
    if (Array.isArray(item)) {
      for (const entry of item) if (typeof entry === "object" && entry !== null) pending.push(entry);
      continue;
    }
    const record = item as Record<string, unknown>;
    if (typeof record.$ref === "string") {
      if (record.$ref.startsWith(COMPONENT_SCHEMAS)) {
        found.add(decodeURIComponent(record.$ref.slice(COMPONENT_SCHEMAS.length)));
      } else {
        // Parameters, request bodies and responses may be references too: follow them.
        pending.push(resolveLocalRef(document, record));
      }
    }
    for (const key in record) {
      const entry = record[key];
      if (typeof entry === "object" && entry !== null && Object.hasOwn(record, key)) pending.push(entry);
    }
  }
}

/** Operations listed by name at the most where a change says which use a schema; the rest are counted. */
export const USERS_SHOWN = 10;

/** Which operations use each component schema, directly or through other schemas. */
export interface SchemaUsers {
  /** How many operations use the schema. */
  count(name: string): number;
  /** The first operations (in document order) that use it, at most `limit`. */
  first(name: string, limit?: number): string[];
}

/**
 * Which operations use each component schema, directly or through other schemas, in
 * their parameters, request bodies or responses. Computed once per schema over the graph
 * of references (`reachFromRoots`), not once per operation and schema: five thousand
 * operations sharing a schema that references five thousand others share one set.
 */
export function schemaUsers(model: ApiModel, work: WorkCounter): SchemaUsers {
  const names = [...model.schemas.keys()];
  const indexOf = new Map(names.map((name, index) => [name, index]));
  const successors = names.map((name) => {
    const refs = new Set<string>();
    directSchemaRefs(model.document, model.schemas.get(name), refs, work);
    return [...refs].flatMap((ref) => (indexOf.has(ref) ? [indexOf.get(ref) as number] : []));
  });
  const operations: string[] = [];
  const roots: Root[] = [];
  for (const { path, method, pathItem, operation } of operationsOf(model.document)) {
    const label = operations.push(`${method.toUpperCase()} ${path}`) - 1;
    const refs = new Set<string>();
    directSchemaRefs(
      model.document,
      [pathItem.parameters, operation.parameters, operation.requestBody, operation.responses],
      refs,
      work,
    );
    for (const ref of refs) {
      const node = indexOf.get(ref);
      if (node !== undefined) roots.push({ node, label });
    }
  }
  const reach = reachFromRoots(
    { size: names.length, successors: (node) => successors[node] as number[] },
    roots,
    operations.length,
    work,
  );
  return {
    count: (name) => (indexOf.has(name) ? reach.labels(indexOf.get(name) as number) : 0),
    first: (name, limit = USERS_SHOWN) =>
      indexOf.has(name)
        ? reach.firstLabels(indexOf.get(name) as number, limit).map((label) => operations[label] as string)
        : [],
  };
}
