import fc from "fast-check";
import { anyName, anyText, componentName, headerName, pathSegment } from "./change-names.js";
import {
  at,
  HTTP_METHODS,
  objectSchemas,
  operationsOf,
  pointerOf,
  reachableSchemas,
  requestOnlyEnums,
  responseSchemaRoots,
  setOwn,
} from "./document-walk.js";
import type { Doc } from "./spec-variants.js";

/**
 * Additive upstream changes, generated for whatever document they are given: what a
 * careful API adds between releases without breaking a client. Each kind finds its places
 * in the document (every response schema, every operation, …) rather than naming them, so
 * the generators follow the vendored spec wherever it goes.
 */
export const ADDITIVE_KINDS = [
  "response-property",
  "query-parameter",
  "header-parameter",
  "operation",
  "error-response",
  "component-schema",
  "description",
  "example",
  "request-enum-value",
] as const;
export type AdditiveKind = (typeof ADDITIVE_KINDS)[number];

/** One change as data, so fast-check can print and shrink it; `applyAdditive` makes it. */
export type AdditiveEdit =
  | { kind: "response-property"; schema: string; name: string; property: Doc }
  | { kind: "query-parameter" | "header-parameter"; operation: string; name: string; schema: Doc }
  | { kind: "operation"; path: string; method: string; operation: Doc }
  | { kind: "error-response"; operation: string; status: string; schema: Doc }
  | { kind: "component-schema"; name: string; schema: Doc }
  | { kind: "description"; target: string; field: "description" | "summary"; text: string }
  | { kind: "example"; target: string; value: unknown }
  | { kind: "request-enum-value"; schema: string; value: string | number };

/** The members every object has in TypeScript's eyes (`keyof Object`, and `__proto__`). */
const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

const is30 = (doc: Doc) => String(doc.openapi).startsWith("3.0");

/** Of the places a description edit goes, operations have a `summary` too; Schema Objects have none. */
const hasSummary = (pointer: string) => pointer.startsWith("/paths/");

/** A property's schema: every JSON type, nullable in the document's own spelling, or a reference. */
function propertySchema(doc: Doc): fc.Arbitrary<Doc> {
  const nullable = (type: string) => (is30(doc) ? { type, nullable: true } : { anyOf: [{ type }, { type: "null" }] });
  const components = Object.keys(doc.components?.schemas ?? {});
  return fc.oneof(
    fc.constantFrom(
      { type: "integer" },
      { type: "number" },
      { type: "string" },
      { type: "boolean" },
      { type: "string", format: "date-time" },
      { type: "array", items: { type: "string" } },
      { type: "object", properties: { value: { type: "integer" } } },
      { type: "object", additionalProperties: { type: "number" } },
      nullable("integer"),
      nullable("string"),
      {},
    ),
    ...(components.length > 0
      ? [fc.constantFrom(...components).map((name) => ({ $ref: `#/components/schemas/${name}` }))]
      : []),
  );
}

const parameterSchema = fc.constantFrom(
  { type: "string" },
  { type: "integer" },
  { type: "boolean" },
  { type: "string", enum: ["a", "b"] },
  { type: "array", items: { type: "string" } },
);

/** Data an example may hold, `$ref`-shaped keys included: an example is data, never a reference. */
const REF_SHAPED_EXAMPLES = [
  { $ref: "#/components/schemas/__no_such_schema__" },
  { $ref: "http://127.0.0.1:9/never-fetched.yaml" },
  { nested: [{ $ref: "./never-read.yaml" }] },
];
/** Whether the document gate takes a `$ref` key inside example data as data (it does: docs/documents.md). */
export const GATE_TAKES_REF_SHAPED_EXAMPLES = true;
const exampleValue: fc.Arbitrary<unknown> = GATE_TAKES_REF_SHAPED_EXAMPLES
  ? fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...REF_SHAPED_EXAMPLES))
  : fc.jsonValue({ maxDepth: 3 });

/** The response of a new operation: an object, or a cursor page shaped like the published list operations. */
function newOperation(doc: Doc, templated: string[]): fc.Arbitrary<Doc> {
  const pathParameters = templated.map((name) => ({ in: "path", name, required: true, schema: { type: "string" } }));
  return fc
    .record({
      operationId: fc.oneof(anyName, fc.stringMatching(/^[a-z][a-z_]{0,40}$/)),
      summary: fc.option(anyText, { nil: undefined }),
      paginated: fc.boolean(),
      item: propertySchema(doc),
      declareParameters: fc.boolean(),
      body: fc.option(propertySchema(doc), { nil: undefined }),
    })
    .map(({ operationId, summary, paginated, item, declareParameters, body }) => {
      const cursor = { in: "query", name: "after", required: false, schema: { type: "string" } };
      const page = {
        type: "object",
        properties: {
          items: { type: "array", items: item },
          end_cursor: is30(doc)
            ? { type: "string", nullable: true }
            : { anyOf: [{ type: "string" }, { type: "null" }] },
          has_next_page: { type: "boolean" },
        },
        required: ["items", "has_next_page"],
      };
      return {
        operationId: `${operationId}-${templated.length}`,
        ...(summary === undefined ? {} : { summary }),
        // An undeclared template parameter is a defect upstream really has: the repair declares it.
        parameters: [...(declareParameters ? pathParameters : []), ...(paginated ? [cursor] : [])],
        ...(body === undefined ? {} : { requestBody: { content: { "application/json": { schema: body } } } }),
        responses: {
          "200": {
            description: "Successful Response",
            content: {
              "application/json": { schema: paginated ? page : { type: "object", properties: { value: item } } },
            },
          },
        },
      };
    });
}

/** The arbitrary of one kind's edits on `doc` (one to three), or undefined where the document has no place for it. */
export function additiveEdits(doc: Doc, kind: AdditiveKind): fc.Arbitrary<AdditiveEdit[]> | undefined {
  const operations = operationsOf(doc).map((operation) => operation.pointer);
  const some = <T>(arbitrary: fc.Arbitrary<T>) => fc.array(arbitrary, { minLength: 1, maxLength: 3 });
  const pick = (places: string[]) => (places.length === 0 ? undefined : fc.constantFrom(...places));
  switch (kind) {
    case "response-property": {
      const schemas = pick(objectSchemas(doc, reachableSchemas(doc, responseSchemaRoots(doc))));
      return (
        schemas &&
        some(fc.record({ kind: fc.constant(kind), schema: schemas, name: anyName, property: propertySchema(doc) }))
      );
    }
    case "query-parameter":
    case "header-parameter": {
      const operation = pick(operations);
      // Not a name of Object.prototype's members: an optional query parameter `toString` (or
      // `valueOf`, …) breaks every TypeScript caller, which sync's typecheck rightly reports.
      // TypeScript reads a property missing from an object literal off Object, so `{ time_after:
      // 1 }` is no `{ toString?: string[] }` (test/src/prototype-names.test-d.ts).
      const name = kind === "query-parameter" ? anyName.filter((each) => !OBJECT_MEMBERS.has(each)) : headerName;
      return operation && some(fc.record({ kind: fc.constant(kind), operation, name, schema: parameterSchema }));
    }
    case "operation":
      return some(
        fc
          .record({
            segments: fc.array(
              fc.oneof(
                pathSegment,
                pathSegment.map((name) => `{${name.replace(/[^\w]/g, "_")}}`),
              ),
              {
                minLength: 1,
                maxLength: 3,
              },
            ),
            method: fc.constantFrom(...HTTP_METHODS.filter((method) => method !== "head" && method !== "options")),
            onExistingPath: fc.option(fc.constantFrom(...Object.keys(doc.paths ?? {}), "/"), { nil: undefined }),
          })
          .chain(({ segments, method, onExistingPath }) => {
            const path = onExistingPath && onExistingPath !== "/" ? onExistingPath : `/generated/${segments.join("/")}`;
            const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
            return newOperation(doc, [...new Set(templated)]).map((operation) => ({
              kind: "operation" as const,
              path,
              method,
              operation,
            }));
          }),
      );
    case "error-response": {
      const operation = pick(operations);
      const schema = fc.oneof(
        propertySchema(doc),
        fc.constant({ type: "object", properties: { detail: { type: "string" } } }),
      );
      const status = fc.constantFrom("400", "401", "403", "404", "409", "429", "500", "502", "503", "default");
      return operation && some(fc.record({ kind: fc.constant(kind), operation, status, schema }));
    }
    case "component-schema":
      return some(fc.record({ kind: fc.constant(kind), name: componentName, schema: propertySchema(doc) }));
    case "description": {
      const targets = [
        ...operations,
        ...Object.keys(doc.components?.schemas ?? {}).map((name) => pointerOf("components", "schemas", name)),
      ];
      const target = pick(targets);
      // A summary only where OpenAPI has one, so every generated edit applies.
      const field = (place: string): fc.Arbitrary<"description" | "summary"> =>
        hasSummary(place) ? fc.constantFrom("description", "summary") : fc.constant("description");
      return (
        target &&
        some(
          target.chain((place) =>
            fc.record({ kind: fc.constant(kind), target: fc.constant(place), field: field(place), text: anyText }),
          ),
        )
      );
    }
    case "example": {
      const schemas = [...reachableSchemas(doc, responseSchemaRoots(doc))].filter(
        (pointer) => at(doc, pointer)?.$ref === undefined,
      );
      const target = pick(schemas);
      return target && some(fc.record({ kind: fc.constant(kind), target, value: exampleValue }));
    }
    case "request-enum-value": {
      const schema = pick(requestOnlyEnums(doc));
      const value = fc.oneof(anyName, fc.integer());
      return schema && some(fc.record({ kind: fc.constant(kind), schema, value }));
    }
  }
}

/** Every kind's edits together (each kind that has a place in `doc`). */
export function allAdditiveEdits(doc: Doc): fc.Arbitrary<AdditiveEdit[]> {
  const kinds = ADDITIVE_KINDS.map((kind) => additiveEdits(doc, kind)).filter((arbitrary) => arbitrary !== undefined);
  return fc.tuple(...kinds).map((lists) => lists.flat());
}

const lower = (name: unknown) => String(name).toLowerCase();

/**
 * Makes one edit in place; false when it would not be additive on this document after
 * the edits before it (a name already taken, a status already answered), so it is left out.
 */
export function applyAdditive(doc: Doc, edit: AdditiveEdit): boolean {
  switch (edit.kind) {
    case "response-property": {
      const schema = at(doc, edit.schema);
      schema.properties ??= {};
      if (Object.hasOwn(schema.properties, edit.name)) return false;
      setOwn(schema.properties, edit.name, edit.property);
      return true;
    }
    case "query-parameter":
    case "header-parameter": {
      const location = edit.kind === "query-parameter" ? "query" : "header";
      const operation = at(doc, edit.operation);
      const path = at(doc, edit.operation.slice(0, edit.operation.lastIndexOf("/")));
      const taken = [...(operation.parameters ?? []), ...(path.parameters ?? [])].some(
        (parameter: Doc) => parameter.in === location && lower(parameter.name) === lower(edit.name),
      );
      if (taken) return false;
      operation.parameters = [
        ...(operation.parameters ?? []),
        { in: location, name: edit.name, required: false, schema: edit.schema },
      ];
      return true;
    }
    case "operation": {
      const normal = (path: string) => path.replace(/\{[^}]*\}/g, "{}");
      const existing = Object.keys(doc.paths).find((path) => normal(path) === normal(edit.path));
      if (existing !== undefined && (existing !== edit.path || Object.hasOwn(doc.paths[existing], edit.method)))
        return false;
      const ids = new Set(operationsOf(doc).map((operation) => at(doc, operation.pointer).operationId));
      if (ids.has(edit.operation.operationId)) return false;
      if (existing === undefined) setOwn(doc.paths, edit.path, {});
      const operation = { ...edit.operation };
      if (existing !== undefined) {
        // On a path that is there already, its parameters are already declared (or repaired).
        operation.parameters = operation.parameters.filter((parameter: Doc) => parameter.in !== "path");
      }
      doc.paths[edit.path][edit.method] = operation;
      return true;
    }
    case "error-response": {
      const operation = at(doc, edit.operation);
      operation.responses ??= {};
      if (Object.hasOwn(operation.responses, edit.status)) return false;
      operation.responses[edit.status] = {
        description: "Error",
        content: { "application/json": { schema: edit.schema } },
      };
      return true;
    }
    case "component-schema": {
      doc.components ??= {};
      doc.components.schemas ??= {};
      if (Object.keys(doc.components.schemas).some((name) => lower(name) === lower(edit.name))) return false;
      setOwn(doc.components.schemas, edit.name, edit.schema);
      return true;
    }
    case "description": {
      const target = at(doc, edit.target);
      if (edit.field === "summary" && !hasSummary(edit.target)) return false;
      // The same text again (an earlier edit, or upstream, wrote it) is no change.
      if (target[edit.field] === edit.text) return false;
      target[edit.field] = edit.text;
      return true;
    }
    case "example": {
      // `example: null` reads as "no example" to the differ (and to most readers): not a change.
      const target = at(doc, edit.target);
      if (edit.value === null || JSON.stringify(target.example) === JSON.stringify(edit.value)) return false;
      target.example = edit.value;
      return true;
    }
    case "request-enum-value": {
      const schema = at(doc, edit.schema);
      const strings = schema.enum.every((value: unknown) => typeof value === "string");
      const value = strings ? String(edit.value) : edit.value;
      if (schema.enum.includes(value) || (!strings && typeof value !== typeof schema.enum[0])) return false;
      schema.enum = [...schema.enum, value];
      return true;
    }
  }
}

/** Applies the edits in order to a copy of `doc`; returns it with the edits that were made. */
export function withAdditive(doc: Doc, edits: readonly AdditiveEdit[]): { doc: Doc; applied: AdditiveEdit[] } {
  const copy = structuredClone(doc);
  const applied = edits.filter((edit) => applyAdditive(copy, edit));
  return { doc: copy, applied };
}
