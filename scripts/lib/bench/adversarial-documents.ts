import type { OpenApiDocument } from "../document/model.js";

/**
 * Pairs of documents shaped to make a differ's work grow faster than their size: the
 * shapes of issue reports against `spec:diff`, each at any size. Used by the tests (which
 * assert that work and output stay within a small multiple of the documents' size) and by
 * `npm run bench` (time and memory of the largest).
 */
export interface AdversarialPair {
  name: string;
  base: OpenApiDocument;
  revision: OpenApiDocument;
}

type Schemas = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function document(operations: Record<string, unknown>, schemas: Schemas): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "adversarial", version: "1" },
    paths: operations as OpenApiDocument["paths"],
    components: { schemas },
  };
}

/** One GET operation answering 200 with a JSON body of this schema. */
function responding(schema: unknown): Record<string, unknown> {
  return {
    get: { responses: { "200": { description: "ok", content: { "application/json": { schema } } } } },
  };
}

function posting(schema: unknown): Record<string, unknown> {
  return {
    post: {
      requestBody: { required: true, content: { "application/json": { schema } } },
      responses: { "204": { description: "done" } },
    },
  };
}

/**
 * `allOf` fan-out: the response is `allOf: [D<depth>]`, each D(k) an `allOf` of `width`
 * references to D(k−1); the leaf's property changes type and it gains one. Merging
 * without a memo takes width^depth merges.
 */
export function allOfFanOut(depth: number, width = 4): AdversarialPair {
  const schemas = (leaf: Record<string, unknown>): Schemas => {
    const all: Schemas = { D0: leaf, UsageMetrics: { allOf: [ref(`D${depth}`)] } };
    for (let level = 1; level <= depth; level++)
      all[`D${level}`] = { allOf: Array.from({ length: width }, () => ref(`D${level - 1}`)) };
    return all;
  };
  const operations = { "/metrics": responding(ref("UsageMetrics")) };
  return {
    name: `allOf fan-out, ${width} wide, ${depth} deep`,
    base: document(operations, schemas({ type: "object", properties: { count: { type: "integer" } } })),
    revision: document(
      operations,
      schemas({ type: "object", properties: { count: { type: "string" }, extra: { type: "string" } } }),
    ),
  };
}

/**
 * A `$ref` DAG: L(k) has two properties, both references to L(k−1), so the leaf is reached
 * by 2^depth paths; the leaf's property changes type and it gains one.
 */
export function referenceDag(depth: number): AdversarialPair {
  const schemas = (leaf: Record<string, unknown>): Schemas => {
    const all: Schemas = { L0: leaf };
    for (let level = 1; level <= depth; level++) {
      const below = ref(`L${level - 1}`);
      all[`L${level}`] = { type: "object", properties: { left: below, right: below } };
    }
    return all;
  };
  const operations = { "/tree": { ...responding(ref(`L${depth}`)), ...posting(ref(`L${depth}`)) } };
  return {
    name: `reference DAG, ${depth} deep (2^${depth} paths)`,
    base: document(operations, schemas({ type: "object", properties: { leaf: { type: "integer" } } })),
    revision: document(
      operations,
      schemas({ type: "object", properties: { leaf: { type: "string" }, added: { type: "string" } } }),
    ),
  };
}

/**
 * Fan-in: `operations` operations share one schema, which in the revision references
 * `operations` new schemas, each listing who uses it.
 */
export function sharedFanIn(operations: number): AdversarialPair {
  const paths = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, index) => [`/items/${index}`, responding(ref("Shared"))]));
  const newSchemas: Schemas = {};
  const properties: Record<string, unknown> = {};
  for (let index = 0; index < operations; index++) {
    newSchemas[`New${index}`] = { type: "object", properties: { value: { type: "string" } } };
    properties[`p${index}`] = ref(`New${index}`);
  }
  return {
    name: `${operations} operations sharing a schema that gains ${operations} new ones`,
    base: document(paths(operations), { Shared: { type: "object" } }),
    revision: document(paths(operations), { Shared: { type: "object", properties }, ...newSchemas }),
  };
}

/**
 * Width: one request body with `width` properties that each change type, an enum of
 * `width` values losing half, and a `oneOf` of `width` inline branches each gaining a
 * property. Everything is one operation: `width` × 3 changes in one group of a report.
 */
export function wideSchema(width: number): AdversarialPair {
  const body = (changed: boolean) => {
    const properties: Record<string, unknown> = {};
    for (let index = 0; index < width; index++) properties[`field${index}`] = { type: changed ? "integer" : "string" };
    const values = Array.from({ length: width }, (_, index) => `v${index}`);
    properties.kind = { type: "string", enum: changed ? values.slice(0, Math.ceil(width / 2)) : values };
    properties.shape = {
      oneOf: Array.from({ length: width }, (_, index) => ({
        type: "object",
        title: `branch${index}`,
        properties: changed ? { a: { type: "string" }, b: { type: "string" } } : { a: { type: "string" } },
      })),
    };
    return { type: "object", properties };
  };
  return {
    name: `one body ${width} properties, enum values and oneOf branches wide, all changed`,
    base: document({ "/wide": posting(body(false)) }, {}),
    revision: document({ "/wide": posting(body(true)) }, {}),
  };
}

/** Long names: `count` response properties and paths named with `length` characters, all removed. */
export function longNames(count: number, length: number): AdversarialPair {
  const name = (index: number) => `${String(index).padStart(8, "0")}${"n".repeat(Math.max(0, length - 8))}`;
  const properties: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) properties[name(index)] = { type: "string" };
  const operations = (withProperties: boolean) => ({
    [`/${name(0)}`]: responding({ type: "object", properties: withProperties ? properties : {} }),
    ...(withProperties ? { [`/${name(1)}/{${name(2)}}`]: responding({ type: "string" }) } : {}),
  });
  return {
    name: `${count} names ${length} characters long, removed`,
    base: document(operations(true), {}),
    revision: document(operations(false), {}),
  };
}

/** Many changes in one operation: `count` request properties that change type (the text report's worst case). */
export function manyChanges(count: number): AdversarialPair {
  const body = (type: string) => ({
    type: "object",
    properties: Object.fromEntries(Array.from({ length: count }, (_, index) => [`p${index}`, { type }])),
  });
  return {
    name: `${count} changes in one operation`,
    base: document({ "/many": posting(body("string")) }, {}),
    revision: document({ "/many": posting(body("integer")) }, {}),
  };
}

/** Each shape at a size that was out of reach for the differ before it kept to its cost contract. */
export function largestAdversarialPairs(): AdversarialPair[] {
  return [
    allOfFanOut(14),
    referenceDag(24),
    sharedFanIn(5000),
    wideSchema(20_000),
    longNames(2000, 10_000),
    manyChanges(60_000),
  ];
}
