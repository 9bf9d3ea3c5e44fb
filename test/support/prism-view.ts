import { WRAPPED_OPERATIONS } from "../../src/wrapped-operations.js";
import type { Doc } from "./spec-variants.js";
import { withoutExamples } from "./without-examples.js";

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** The object a local reference (`#/…`) names, or undefined. */
function resolveLocal(document: Doc, ref: string): Doc {
  if (!ref.startsWith("#/")) return undefined;
  let here = document;
  for (const token of ref.slice(2).split("/")) {
    const key = decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~");
    here = Object.hasOwn(Object(here), key) ? here[key] : undefined;
  }
  return here;
}

/** A parameter Prism 5.14.2 crashes on when a request leaves it out: an optional array or object header or cookie. */
function crashesPrismWhenAbsent(parameter: Doc): boolean {
  if (parameter?.required === true || (parameter?.in !== "header" && parameter?.in !== "cookie")) return false;
  const type = parameter.schema?.type;
  return type === "array" || type === "object" || (Array.isArray(type) && type.some((t) => t !== "null"));
}

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
  for (const [path, item] of Object.entries<Doc>(view.paths ?? {})) {
    for (const method of Object.keys(item ?? {})) {
      if (!METHODS.has(method)) continue;
      if (!wrapped.has(`${method.toUpperCase()} ${path}`)) {
        delete item[method];
        continue;
      }
      const operation = item[method];
      if (Array.isArray(operation.parameters)) {
        operation.parameters = operation.parameters.filter((parameter: Doc) => !crashesPrismWhenAbsent(parameter));
      }
      for (const [status, listed] of Object.entries<Doc>(operation.responses ?? {})) {
        if (status.startsWith("2")) continue;
        const response = typeof listed?.$ref === "string" ? resolveLocal(view, listed.$ref) : listed;
        if (response?.content === undefined) continue;
        const content = Object.fromEntries(Object.keys(response.content).map((media) => [media, { schema: {} }]));
        operation.responses[status] = { ...response, content };
      }
    }
    if (Array.isArray(item?.parameters)) {
      item.parameters = item.parameters.filter((parameter: Doc) => !crashesPrismWhenAbsent(parameter));
    }
  }
  return view;
}

const COMPONENT_REF = "#/components/schemas/";

/** Every value of a schema's subtree, iteratively (a document may nest deeply). */
function* subtree(root: Doc): Generator<Doc> {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    yield node;
    for (const child of Object.values(node)) stack.push(child);
  }
}

/** The component schemas a subtree refers to, by name. */
function refsOf(root: Doc): Set<string> {
  const names = new Set<string>();
  for (const node of subtree(root)) {
    const ref = node.$ref;
    if (typeof ref === "string" && ref.startsWith(COMPONENT_REF)) {
      names.add(decodeURIComponent(ref.slice(COMPONENT_REF.length)).replaceAll("~1", "/").replaceAll("~0", "~"));
    }
  }
  return names;
}

/** Removes each optional property from which its own component schema can be reached again (see `prismView`). */
function cutOptionalRecursion(view: Doc): void {
  const schemas: Record<string, Doc> = view.components?.schemas ?? {};
  const direct = new Map(Object.entries(schemas).map(([name, schema]) => [name, refsOf(schema)]));
  const reachCache = new Map<string, Set<string>>();
  /** The components reachable from `start` (itself included), breadth first. */
  const reach = (start: string): Set<string> => {
    const cached = reachCache.get(start);
    if (cached) return cached;
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length > 0) {
      for (const next of direct.get(queue.shift() as string) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    reachCache.set(start, seen);
    return seen;
  };
  for (const [name, schema] of Object.entries(schemas)) {
    for (const node of subtree(schema)) {
      const properties = node.properties;
      if (properties === null || typeof properties !== "object" || Array.isArray(properties)) continue;
      const required = new Set(Array.isArray(node.required) ? node.required : []);
      for (const key of Object.keys(properties)) {
        if (required.has(key)) continue;
        const back = [...refsOf(properties[key])].some((ref) => reach(ref).has(name));
        if (back) delete properties[key];
      }
    }
  }
}
