import { COMPONENT_SCHEMAS, pointer } from "../../../src/json-pointer.js";
import { PATH_TEMPLATE, templateNames } from "../../../src/path-template.js";
import { type HttpMethod, isRecord, type OpenApiDocument, operationsOf, resolveLocalRef } from "../document/model.js";

export interface ParameterModel {
  name: string;
  in: string;
  required: boolean;
  schema: unknown;
  pointer: string;
}

export interface ContentModel {
  /** Schema by media type. */
  content: Map<string, unknown>;
  pointer: string;
}

export interface OperationModel {
  /** `GET /path/{id}`, as the document spells it. */
  key: string;
  method: HttpMethod;
  path: string;
  pointer: string;
  deprecated: boolean;
  /** By `in:name`; path parameters by their position in the template (`path:0`). */
  parameters: Map<string, ParameterModel>;
  requestBody: (ContentModel & { required: boolean }) | undefined;
  responses: Map<string, ContentModel>;
}

/** What the differ compares: one document's operations and schemas, normalised. */
export interface ApiModel {
  document: OpenApiDocument;
  /** By method and path with template names blanked (`GET /a/{}`), so a renamed path parameter still matches. */
  operations: Map<string, OperationModel>;
  /** Normalised path → the path as written. */
  paths: Map<string, string>;
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
      });
    });
  }
  return parameters;
}

/** Normalises a document into the operations and schemas the differ compares. */
export function buildApiModel(document: OpenApiDocument): ApiModel {
  const operations = new Map<string, OperationModel>();
  const paths = new Map<string, string>();
  for (const path of Object.keys(document.paths)) paths.set(normalisePath(path), path);
  for (const { path, method, pathItem, operation } of operationsOf(document)) {
    const operationPointer = pointer("paths", path, method);
    const body = resolveLocalRef(document, operation.requestBody);
    const responses = new Map<string, ContentModel>();
    for (const [status, response] of Object.entries(isRecord(operation.responses) ? operation.responses : {})) {
      responses.set(status.toUpperCase(), {
        content: contentOf(resolveLocalRef(document, response)),
        pointer: `${operationPointer}${pointer("responses", status)}`,
      });
    }
    operations.set(`${method.toUpperCase()} ${normalisePath(path)}`, {
      key: `${method.toUpperCase()} ${path}`,
      method,
      path,
      pointer: operationPointer,
      deprecated: operation.deprecated === true,
      parameters: parametersOf(document, path, [
        { entries: pathItem.parameters, pointer: `${pointer("paths", path)}/parameters` },
        { entries: operation.parameters, pointer: `${operationPointer}/parameters` },
      ]),
      requestBody: isRecord(body)
        ? { required: body.required === true, content: contentOf(body), pointer: `${operationPointer}/requestBody` }
        : undefined,
      responses,
    });
  }
  const schemas = new Map(Object.entries(isRecord(document.components?.schemas) ? document.components.schemas : {}));
  return { document, operations, paths, schemas };
}

/** Component schema names referenced directly (not through other components) in a value. */
function directSchemaRefs(
  document: OpenApiDocument,
  value: unknown,
  found: Set<string>,
  seen = new Set<unknown>(),
): void {
  if (seen.has(value)) return;
  if (Array.isArray(value)) {
    seen.add(value);
    for (const item of value) directSchemaRefs(document, item, found, seen);
  } else if (isRecord(value)) {
    seen.add(value);
    if (typeof value.$ref === "string") {
      if (value.$ref.startsWith(COMPONENT_SCHEMAS))
        found.add(decodeURIComponent(value.$ref.slice(COMPONENT_SCHEMAS.length)));
      // Parameters, request bodies and responses may be references too: follow them.
      else directSchemaRefs(document, resolveLocalRef(document, value), found, seen);
    }
    for (const item of Object.values(value)) directSchemaRefs(document, item, found, seen);
  }
}

/**
 * Which operations use each component schema, directly or through other schemas, in
 * their parameters, request bodies or responses.
 */
export function schemaUsers(model: ApiModel): Map<string, Set<string>> {
  const direct = new Map<string, Set<string>>();
  const refsOfSchema = (name: string) => {
    let refs = direct.get(name);
    if (!refs) {
      refs = new Set();
      direct.set(name, refs);
      directSchemaRefs(model.document, model.schemas.get(name), refs);
    }
    return refs;
  };
  const users = new Map<string, Set<string>>();
  for (const { path, method, pathItem, operation } of operationsOf(model.document)) {
    const key = `${method.toUpperCase()} ${path}`;
    const pending = new Set<string>();
    directSchemaRefs(
      model.document,
      [pathItem.parameters, operation.parameters, operation.requestBody, operation.responses],
      pending,
    );
    const reached = new Set<string>();
    for (const name of pending) {
      if (reached.has(name)) continue;
      reached.add(name);
      for (const next of refsOfSchema(name)) if (!reached.has(next)) pending.add(next);
    }
    for (const name of reached) {
      const set = users.get(name) ?? new Set<string>();
      set.add(key);
      users.set(name, set);
    }
  }
  return users;
}
