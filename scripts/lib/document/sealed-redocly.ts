import { createRequire } from "node:module";
import { displayText } from "../../../src/untrusted-text.js";

type Redocly = typeof import("@redocly/openapi-core");

let sealed: Promise<Redocly> | undefined;

/**
 * Redocly's openapi-core (the validator, and the bundler inside openapi-typescript) with
 * its resolver unable to load anything outside the document: `loadExternalRef` refuses
 * instead of reading a file or fetching a URL. Documents are refused before they get
 * here when they hold an external reference (`assertSelfContained`); this is the second
 * lock on the same door, so that no later change of ours or of the libraries reopens it.
 * openapi-typescript imports the same module instance, so the seal covers it too.
 */
export function sealedRedocly(): Promise<Redocly> {
  sealed ??= import("@redocly/openapi-core").then((redocly) => {
    ownPropertiesOnly();
    redocly.BaseResolver.prototype.loadExternalRef = async (absoluteRef: string) => {
      throw new redocly.ResolveError(
        new Error(`external reference ${displayText(absoluteRef)} refused: only #/… references are followed`),
      );
    };
    return redocly;
  });
  return sealed;
}

interface NodeType {
  name?: string;
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  items?: unknown;
  directResolveAs?: unknown;
  resolvable?: boolean;
}

/** A type (or a resolver that returns one) whose tables of keys have no prototype, and so on below it. */
function withoutPrototypes(type: unknown, done: WeakSet<object>): unknown {
  if (typeof type === "function") {
    if (done.has(type)) return type;
    const resolve = type as (value: unknown, key: string) => unknown;
    const wrapped = (value: unknown, key: string) => withoutPrototypes(resolve(value, key), done);
    done.add(wrapped);
    return wrapped;
  }
  if (typeof type !== "object" || type === null || done.has(type)) return type;
  done.add(type);
  const node = type as NodeType;
  if (node.properties) {
    Object.setPrototypeOf(node.properties, null);
    for (const key of Object.keys(node.properties))
      node.properties[key] = withoutPrototypes(node.properties[key], done);
  }
  for (const key of ["additionalProperties", "items", "directResolveAs"] as const) {
    if (node[key] !== undefined) node[key] = withoutPrototypes(node[key], done);
  }
  // A value that is no OpenAPI object (an example, an enum, OAuth scopes) is data: the
  // resolver does not walk it, so it neither looks keys of data up in a table of
  // its own (`resolvableScalarType`, which no one can reach to clear) nor takes a `$ref`
  // key in data for a reference.
  if (node.name === undefined && node.directResolveAs === undefined) node.resolvable = false;
  return type;
}

/**
 * Redocly finds the type of each key of a node with `type.properties[key]` on a plain
 * object, so a key named like a member of `Object.prototype` finds the member: a property,
 * schema, response or security scheme named `valueOf` or `hasOwnProperty` makes it call
 * that function as a type resolver and throw `TypeError: Cannot convert undefined or null
 * to object` (in the validator, and in openapi-typescript's bundler, which uses the same
 * walk), and `constructor` is judged as if it were `Object`. The names are valid, so the
 * tables of keys are given no prototype: every lookup then sees own properties only.
 * Redocly's modules call `normalizeTypes` through its module's exports, so wrapping the
 * export reaches every table it builds, openapi-typescript's included; types a resolver
 * builds on the fly are treated as they come.
 */
function ownPropertiesOnly(): void {
  const types = createRequire(import.meta.url)("@redocly/openapi-core/lib/types/index.js") as {
    normalizeTypes: (...args: unknown[]) => Record<string, NodeType>;
  };
  const normalizeTypes = types.normalizeTypes;
  types.normalizeTypes = (...args) => {
    const normalized = normalizeTypes(...args);
    const done = new WeakSet<object>();
    for (const type of Object.values(normalized)) withoutPrototypes(type, done);
    return normalized;
  };
}
