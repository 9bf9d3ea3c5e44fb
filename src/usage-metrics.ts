import type { paths } from "../generated/devin-v3.js";
import { redactSecret } from "./auth.js";
import { type DevinClient, settingsOf } from "./client.js";
import { DevinApiError, DevinConfigError, DevinInvalidResponseError, DevinResponseValidationError } from "./errors.js";
import { strictPathSerializer } from "./path-params.js";
import { templateNames } from "./path-template.js";
import { createTransport, requestOf } from "./transport.js";

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
 * to camelCase. Nothing is written by hand, so a parameter added, removed, renamed or
 * retyped upstream changes this type on regeneration.
 */
export type UsageMetricsParams = { [K in keyof PathParams & string as CamelCase<K>]: PathParams[K] } & {
  [K in keyof QueryParams & string as CamelCase<K>]?: QueryValue<QueryParams[K]>;
};

/** Per-call settings; each overrides the client's for this call only. */
export interface CallOptions {
  /** Aborts the call; an aborted call throws `DevinAbortError` and is not retried. */
  signal?: AbortSignal;
  /** @default the client's `maxRetries` */
  maxRetries?: number;
  /**
   * @default the client's `timeoutMs`
   * @unit milliseconds
   */
  timeoutMs?: number;
}

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
 * A query value as sent: a `Date` as Unix seconds. A number that is not finite, or a
 * `Date` that is not a time, would go out as `NaN` or `Infinity`: refused here instead.
 */
function queryValue(name: string, value: unknown): unknown {
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
  if (typeof seconds === "number" && !Number.isFinite(seconds)) {
    const shown = value instanceof Date ? "an invalid Date" : String(seconds);
    throw new DevinConfigError(`${name} must be a finite number of Unix seconds or a valid Date, got ${shown}`);
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
 * subclass for its status.
 */
export async function getUsageMetrics(
  client: DevinClient,
  params: UsageMetricsParams,
  options: CallOptions = {},
): Promise<UsageMetrics> {
  const settings = settingsOf(client);
  const overridden = settings && (options.maxRetries !== undefined || options.timeoutMs !== undefined);
  const apiParams = toApiParams(params);
  const call = client.GET(USAGE_METRICS_PATH, {
    params: apiParams,
    signal: options.signal,
    ...(overridden ? { fetch: createTransport({ ...settings.transport, ...definedOnly(options) }) } : {}),
  });
  let answer: Awaited<typeof call>;
  try {
    answer = await call;
  } catch (failure) {
    // openapi-fetch parses a 2xx body as JSON and lets the SyntaxError through.
    if (!(failure instanceof SyntaxError)) throw failure;
    const url = `${settings?.baseUrl ?? ""}${strictPathSerializer(USAGE_METRICS_PATH, apiParams.path)}`;
    // No cause: the parser's message quotes the body, which could echo the key.
    throw new DevinInvalidResponseError(`GET ${url} answered 2xx with a body that is not JSON`);
  }
  const { data, error, response } = answer;
  // The request's summary (a URL parse) is only worked out for an error.
  const request = () => requestOf(response) ?? { method: "GET", url: USAGE_METRICS_PATH, tries: 1 };
  if (!response.ok) {
    // A server that echoes the Authorization header must not put the key into the error.
    const redact = <T>(value: T): T => (settings ? redactSecret(value, settings.apiKey) : value);
    throw DevinApiError.generate(response.status, redact(response.headers), redact(error), request());
  }
  if (data === undefined)
    throw new DevinResponseValidationError(request(), ["/: expected a JSON body, got an empty one"]);
  return data;
}

function definedOnly(options: CallOptions): { maxRetries?: number; timeoutMs?: number } {
  return Object.fromEntries(
    Object.entries({ maxRetries: options.maxRetries, timeoutMs: options.timeoutMs }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}
