import { WRAPPED_OPERATIONS } from "../../src/wrapped-operations.js";
import { at, operationsOf, pointerOf, reachableSchemas } from "./document-walk.js";
import type { Doc } from "./spec-variants.js";
import { withoutExamples } from "./without-examples.js";

/** A parameter Prism 5.14.2 crashes on when a request leaves it out: an optional array or object header or cookie. */
function crashesPrismWhenAbsent(parameter: Doc): boolean {
  if (parameter?.required === true || (parameter?.in !== "header" && parameter?.in !== "cookie")) return false;
  const type = parameter.schema?.type;
  return type === "array" || type === "object" || (Array.isArray(type) && type.some((t) => t !== "null"));
}

const withoutCrashing = (parameters: Doc[]) => parameters.filter((parameter) => !crashesPrismWhenAbsent(parameter));

/**
 * The document Prism serves in the contract test: what the contract is about, in a form
 * Prism can serve. Upstream's document stays as published everywhere else; this view only
 * leaves out what Prism gets wrong on documents it did not write, each seen in a sync of a
 * generated upstream change (test/slow/generated-changes.slow.test.ts):
 *
 * - examples (documentation: Prism would answer with them, `withoutExamples`);
 * - operations the package does not wrap: the contract is the wrappers';
 * - optional header and cookie parameters of an array or object schema, which the wrappers
 *   never send: Prism 5.14.2 reads an absent one with `undefined.split` and its process dies;
 * - an optional property through which a component schema refers back to itself: Prism's
 *   static generator follows such a reference a fixed number of levels, then writes an
 *   object without the schema's required properties, and its `--errors` check answers 500;
 * - the schemas of error answers' bodies, which become "any JSON": the contract there is the
 *   status (which error class a client throws). From a recursive schema (a `ValidationError`
 *   property referring to `ValidationError`, or one named `__proto__`) Prism generates a body
 *   that fails its own `--errors` check (a 500) or crashes.
 *
 * Written as JSON by the caller: Prism's YAML reader refuses characters YAML 1.1 calls
 * non-printable, which a document's names may hold.
 */
export function prismView(document: Doc): Doc {
  const view = withoutExamples(document) as Doc;
  cutOptionalRecursion(view);
  const wrapped = new Set(WRAPPED_OPERATIONS);
  for (const { path, method, pointer } of operationsOf(view)) {
    const item = view.paths[path];
    if (!wrapped.has(`${method.toUpperCase()} ${path}`)) {
      delete item[method];
      continue;
    }
    const operation = at(view, pointer);
    for (const holder of [item, operation]) {
      if (Array.isArray(holder.parameters)) holder.parameters = withoutCrashing(holder.parameters);
    }
    for (const [status, listed] of Object.entries<Doc>(operation.responses ?? {})) {
      if (status.startsWith("2")) continue;
      const response = typeof listed?.$ref === "string" ? at(view, decodeURIComponent(listed.$ref.slice(1))) : listed;
      if (response?.content === undefined) continue;
      const content = Object.fromEntries(Object.keys(response.content).map((media) => [media, { schema: {} }]));
      operation.responses[status] = { ...response, content };
    }
  }
  return view;
}

/** Removes each optional property from which its own component schema can be reached again (see `prismView`). */
function cutOptionalRecursion(view: Doc): void {
  for (const name of Object.keys(view.components?.schemas ?? {})) {
    const component = pointerOf("components", "schemas", name);
    // The component's own object schemas (its nested properties, items and branches), not those it refers to.
    const own = [...reachableSchemas(view, [component])].filter(
      (pointer) => pointer === component || pointer.startsWith(`${component}/`),
    );
    for (const pointer of own) {
      const schema = at(view, pointer);
      const properties = schema?.properties;
      if (properties === null || typeof properties !== "object") continue;
      const required = new Set(Array.isArray(schema.required) ? schema.required : []);
      for (const key of Object.keys(properties)) {
        if (required.has(key)) continue;
        const reached = reachableSchemas(view, [`${pointer}${pointerOf("properties", key)}`]);
        if (reached.has(component)) delete properties[key];
      }
    }
  }
}
