import { componentSchemas, responseSchemas } from "../../../generated/devin-v3-schemas.js";
import { USAGE_METRICS_PATH, type UsageMetrics } from "../../usage-metrics.js";

/** A numeric field of the spec's usage-metrics response. */
export type MetricField = keyof UsageMetrics & string;

interface ObjectSchema {
  properties?: Record<string, { type?: unknown; title?: unknown }>;
}

/**
 * The numeric fields of the operation's 200 response, in the spec's order, read from the
 * generated schemas: the command's columns follow the spec without naming a field.
 */
export function metricFields(): MetricField[] {
  const response = responseSchemas[`GET ${USAGE_METRICS_PATH}`]?.["200"] as { $ref?: string } | undefined;
  const name = response?.$ref?.split("/").pop();
  const schema = (name && Object.hasOwn(componentSchemas, name) ? componentSchemas[name] : response) as
    | ObjectSchema
    | undefined;
  return Object.entries(schema?.properties ?? {})
    .filter(([, property]) => property.type === "integer" || property.type === "number")
    .map(([field]) => field as MetricField);
}

/** `prs_created_count` → `prs created`: a column heading from a field name. */
export function metricLabel(field: string): string {
  return field.replace(/_count$/, "").replaceAll("_", " ");
}
