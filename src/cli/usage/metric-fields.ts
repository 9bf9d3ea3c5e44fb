import { componentSchemas, responseSchemas } from "../../../generated/devin-v3-schemas.js";
import { USAGE_METRICS_PATH, type UsageMetrics } from "../../usage-metrics.js";

/** A numeric field of the spec's usage-metrics response. */
export type MetricField = keyof UsageMetrics & string;

type Schema = Record<string, unknown>;

/** A local `#/components/schemas/<name>` reference followed once; anything else as it is. */
function resolve(schema: unknown): Schema | undefined {
  if (schema === null || typeof schema !== "object") return undefined;
  const ref = (schema as Schema).$ref;
  if (typeof ref !== "string") return schema as Schema;
  const name = ref.startsWith("#/components/schemas/") ? ref.slice("#/components/schemas/".length) : undefined;
  const target = name !== undefined && Object.hasOwn(componentSchemas, name) ? componentSchemas[name] : undefined;
  return target !== null && typeof target === "object" ? (target as Schema) : undefined;
}

/**
 * A schema whose values are numbers, or null: `type: integer|number`, OpenAPI 3.1's
 * `type: [integer, "null"]`, 3.0's `nullable`, or an `anyOf`/`oneOf` of such branches and
 * `null` (how FastAPI writes an optional number).
 */
function isNumeric(schema: Schema | undefined, depth = 0): boolean {
  if (schema === undefined || depth > 4) return false;
  const { type } = schema;
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  const nonNull = types.filter((name) => name !== "null");
  if (nonNull.length > 0) return nonNull.every((name) => name === "integer" || name === "number");
  const branches = schema.anyOf ?? schema.oneOf;
  if (!Array.isArray(branches)) return false;
  const resolved = branches.map((branch) => resolve(branch));
  const values = resolved.filter((branch) => branch?.type !== "null");
  return values.length > 0 && values.every((branch) => isNumeric(branch, depth + 1));
}

/**
 * The numeric fields of the operation's 200 response, in the spec's order, read from the
 * generated schemas: the command's columns follow the spec without naming a field.
 */
export function metricFields(): MetricField[] {
  const schema = resolve(responseSchemas[`GET ${USAGE_METRICS_PATH}`]?.["200"]);
  const properties = schema?.properties;
  if (properties === null || typeof properties !== "object") return [];
  return Object.entries(properties as Record<string, unknown>)
    .filter(([, property]) => isNumeric(resolve(property)))
    .map(([field]) => field as MetricField);
}

/** `prs_created_count` → `prs created`: a heading from a field name (still to be escaped for its sink). */
export function metricLabel(field: string): string {
  return field.replace(/_count$/, "").replaceAll("_", " ");
}

/**
 * Names made unique in order: a later duplicate gets ` (2)`, ` (3)`, …. Keys of a JSON row
 * are the window's `from` and `to` and then the metrics, and the spec owns the metric
 * names: one called `from` must not overwrite the window.
 */
export function uniqueNames(names: readonly string[], join = (name: string, n: number) => `${name} (${n})`): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let n = 2; taken.has(unique); n++) unique = join(name, n);
    taken.add(unique);
    return unique;
  });
}
