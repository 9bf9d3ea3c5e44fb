import type { paths } from "../generated/devin-v3.js";
import type { DevinClient } from "./client.js";
import { DevinConfigError } from "./errors.js";
import type { CallOptions } from "./operation-types.js";

export type { CallOptions } from "./operation-types.js";

import { templateNames } from "./path-template.js";

/** The spec's path of the operation; a rename upstream makes this line fail to compile. */
export const USAGE_METRICS_PATH = "/v3/organizations/{org_id}/metrics/usage" satisfies keyof paths;

type Operation = paths[typeof USAGE_METRICS_PATH]["get"];
type PathParams = Operation["parameters"]["path"];
type QueryParams = NonNullable<Operation["parameters"]["query"]>;

/** The spec's `UsageMetrics`, as the operation's 200 response declares it. */
export type UsageMetrics = Operation["responses"][200]["content"]["application/json"];

/** `org_id` → `orgId`, at the type level. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** A query value as the spec types it, or a `Date` where the spec takes a number (Unix seconds). */
type QueryValue<T> = T | (number extends NonNullable<T> ? Date : never);

/**
 * The call's parameters: the operation's path and query parameters from the spec, renamed
 * to camelCase (an optional one may be `undefined`, under `exactOptionalPropertyTypes` too:
 * it is then not sent). Nothing is written by hand, so a parameter added, removed, renamed or
 * retyped upstream changes this type on regeneration.
 */
export type UsageMetricsParams = { [K in keyof PathParams & string as CamelCase<K>]: PathParams[K] } & {
  [K in keyof QueryParams & string as CamelCase<K>]?: QueryValue<QueryParams[K]> | undefined;
};

/** `orgId` → `org_id`: the inverse of `CamelCase` for the spec's snake_case names. */
function snakeCase(name: string): string {
  let apiName = API_NAMES.get(name);
  if (apiName === undefined) {
    apiName = name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    if (API_NAMES.size < 64) API_NAMES.set(name, apiName);
  }
  return apiName;
}

/** `snakeCase` answers, kept (a bounded few): the same names come on every call. */
const API_NAMES = new Map<string, string>();

/** The path-template names of the operation: which params go in the path, not the query. */
const PATH_NAMES = new Set(templateNames(USAGE_METRICS_PATH));

/**
 * Unix seconds this large (after the year 5000) can only be milliseconds: `Date.now()`,
 * or `getTime()`, sent where the spec takes seconds, would ask for a window far in the
 * future and get zeros back without a word.
 */
const MAX_PLAUSIBLE_SECONDS = 1e11;

/**
 * A query value as sent: a `Date` as Unix seconds. A number that is not finite, or a
 * `Date` that is not a time, would go out as `NaN` or `Infinity`, and milliseconds as a
 * time thousands of years ahead: each is refused here instead.
 */
function queryValue(name: string, value: unknown): unknown {
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
  if (typeof seconds !== "number") return seconds;
  if (!Number.isFinite(seconds)) {
    const shown = value instanceof Date ? "an invalid Date" : String(seconds);
    throw new DevinConfigError(`${name} must be a finite number of Unix seconds or a valid Date, got ${shown}`);
  }
  if (Math.abs(seconds) >= MAX_PLAUSIBLE_SECONDS && !(value instanceof Date)) {
    throw new DevinConfigError(
      `${name} is ${seconds}, which as Unix seconds is after the year 5000: it looks like milliseconds; pass Math.floor(milliseconds / 1000) or a Date`,
    );
  }
  return seconds;
}

/**
 * Splits camelCase params into the spec's path and query objects, `Date`s as Unix
 * seconds. Path values are checked by the client's path serializer (`strictPathSerializer`).
 */
function toApiParams(params: UsageMetricsParams): { path: PathParams; query: QueryParams } {
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const name in params) {
    if (!Object.hasOwn(params, name)) continue;
    const value: unknown = params[name as keyof UsageMetricsParams];
    const apiName = snakeCase(name);
    if (PATH_NAMES.has(apiName)) path[apiName] = value;
    else if (value !== undefined && value !== null) query[apiName] = queryValue(name, value);
  }
  return { path: path as PathParams, query: query as QueryParams };
}

/**
 * Aggregated usage metrics (sessions, searches, PRs created and merged) of an
 * organisation, optionally within `[timeAfter, timeBefore)`. Needs a service user with
 * the `ViewAccountMetrics` permission. A non-2xx answer throws the `DevinApiError`
 * subclass for its status; the rest of the error model is `client.call`'s.
 */
export async function getUsageMetrics(
  client: DevinClient,
  params: UsageMetricsParams,
  options: CallOptions = {},
): Promise<UsageMetrics> {
  return client.call("GET", USAGE_METRICS_PATH, { params: toApiParams(params), ...options });
}
