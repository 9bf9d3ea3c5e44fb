import fc from "fast-check";
import { USAGE_METRICS_PATH } from "../../src/usage-metrics.js";
import { anyName } from "./change-names.js";
import { at, pointerOf } from "./document-walk.js";
import type { Doc } from "./spec-variants.js";

/**
 * The additive generator turned around, on what the wrapper and the command line use:
 * the operation `getUsageMetrics` calls (found by the wrapper's own path constant), its
 * query parameters, its success response and the properties of that response's schema.
 * Each of these must turn sync red (exit 1): something compiled against the old
 * document, or tested against it, no longer holds.
 */
export const BREAKING_KINDS = [
  "response-property-removed",
  "response-property-type-changed",
  "response-property-became-optional",
  "response-property-became-nullable",
  "required-query-parameter-added",
  "query-parameter-became-required",
  "query-parameter-type-narrowed",
  "operation-removed",
  "success-response-removed",
  "success-media-type-removed",
] as const;
export type BreakingKind = (typeof BREAKING_KINDS)[number];

export type BreakingEdit =
  | { kind: BreakingKind; name: string }
  | { kind: "required-query-parameter-added"; name: string; schema: Doc };

const OPERATION = pointerOf("paths", USAGE_METRICS_PATH, "get");

/** The wrapped operation's first 2xx status with a JSON body, and that body's schema (a local `$ref` followed). */
function successOf(doc: Doc): { status: string; schema: Doc } | undefined {
  const responses = at(doc, `${OPERATION}/responses`) ?? {};
  const status = Object.keys(responses).find(
    (code) => /^2/.test(code) && responses[code]?.content?.["application/json"],
  );
  if (status === undefined) return undefined;
  let schema = responses[status].content["application/json"].schema;
  for (let hops = 0; typeof schema?.$ref === "string" && hops < 16; hops++) {
    schema = at(doc, decodeURIComponent(schema.$ref.slice(1)));
  }
  return { status, schema };
}

/** The wrapped operation's success schema (an object of `doc`, not a copy), when it has one. */
export const successSchemaOf = (doc: Doc): Doc | undefined => successOf(doc)?.schema;

const queryParameters = (doc: Doc): Doc[] =>
  (at(doc, `${OPERATION}/parameters`) ?? []).filter((parameter: Doc) => parameter.in === "query");

/** The arbitrary of one breaking kind's edit on `doc`, or undefined where `doc` has nothing it could break. */
export function breakingEdit(doc: Doc, kind: BreakingKind): fc.Arbitrary<BreakingEdit> | undefined {
  if (at(doc, OPERATION) === undefined) return undefined;
  const pick = (names: string[]) =>
    names.length === 0 ? undefined : fc.constantFrom(...names).map((name) => ({ kind, name }));
  const required: string[] = successOf(doc)?.schema?.required ?? [];
  const optionalQuery = queryParameters(doc)
    .filter((parameter) => parameter.required !== true)
    .map((parameter) => parameter.name as string);
  switch (kind) {
    case "response-property-removed":
    case "response-property-type-changed":
    case "response-property-became-optional":
    case "response-property-became-nullable":
      return pick(required);
    case "required-query-parameter-added": {
      const taken = new Set(queryParameters(doc).map((parameter) => parameter.name));
      return fc.record({
        kind: fc.constant(kind),
        name: anyName.filter((name) => !taken.has(name)),
        schema: fc.constantFrom({ type: "string" }, { type: "integer" }),
      });
    }
    case "query-parameter-became-required":
    case "query-parameter-type-narrowed":
      return pick(optionalQuery);
    case "operation-removed":
    case "success-response-removed":
    case "success-media-type-removed":
      return successOf(doc) === undefined ? undefined : fc.constant({ kind, name: "" });
  }
}

/** A copy of `doc` with the edit made. */
export function withBreaking(doc: Doc, edit: BreakingEdit): Doc {
  const copy = structuredClone(doc);
  const operation = at(copy, OPERATION);
  const success = successOf(copy);
  const schema = success?.schema;
  const parameter = () => queryParameters(copy).find((each) => each.name === edit.name);
  switch (edit.kind) {
    case "response-property-removed":
      delete schema.properties[edit.name];
      schema.required = schema.required.filter((name: string) => name !== edit.name);
      break;
    case "response-property-type-changed":
      schema.properties[edit.name] = { type: schema.properties[edit.name]?.type === "string" ? "boolean" : "string" };
      break;
    case "response-property-became-optional":
      schema.required = schema.required.filter((name: string) => name !== edit.name);
      break;
    case "response-property-became-nullable": {
      const property = schema.properties[edit.name];
      schema.properties[edit.name] = String(copy.openapi).startsWith("3.0")
        ? { ...property, nullable: true }
        : { anyOf: [property, { type: "null" }] };
      break;
    }
    case "required-query-parameter-added":
      operation.parameters = [
        ...(operation.parameters ?? []),
        { in: "query", name: edit.name, required: true, schema: "schema" in edit ? edit.schema : { type: "string" } },
      ];
      break;
    case "query-parameter-became-required":
      parameter().required = true;
      break;
    case "query-parameter-type-narrowed": {
      // A type the parameter did not take before: every value sent so far is refused.
      const before = JSON.stringify(parameter().schema ?? {});
      parameter().schema = before.includes('"string"') ? { type: "boolean" } : { type: "string", maxLength: 8 };
      break;
    }
    case "operation-removed":
      delete copy.paths[USAGE_METRICS_PATH].get;
      if (Object.keys(copy.paths[USAGE_METRICS_PATH]).length === 0) delete copy.paths[USAGE_METRICS_PATH];
      break;
    case "success-response-removed":
      delete operation.responses[success?.status as string];
      break;
    case "success-media-type-removed": {
      const content = operation.responses[success?.status as string].content;
      content["text/plain"] = { schema: { type: "string" } };
      delete content["application/json"];
      break;
    }
  }
  return copy;
}
