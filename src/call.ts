import type { Client } from "openapi-fetch";
import { assertSecureTransport } from "./auth.js";
import { DevinApiError, DevinInvalidResponseError, type RequestSummary } from "./errors.js";
import type { CallInit, DevinResponse } from "./operation-types.js";
import { strictPathSerializer } from "./path-params.js";
import { isPlannable, PlannedRequest } from "./planned-request.js";
import { createTransport, NULL_BODY_STATUSES, requestOf, type TransportOptions } from "./transport.js";
import { assertTransportLimits } from "./transport-limits.js";
import { oneLine } from "./untrusted-text.js";

/** What a call needs to know about its client that openapi-fetch does not keep. */
export interface CallSettings {
  baseUrl: string;
  transport: TransportOptions;
  /** For redaction from error answers; kept in the client's closures, never on an object a caller sees. */
  apiKey: string;
  /** Whether middleware was ever added to the client: openapi-fetch hands it the request, which must then be a real `Request`. */
  hasMiddleware: boolean;
}

/** openapi-fetch's client as this module calls it: by method and path known only at run time. */
interface UntypedClient {
  request(method: string, path: string, init: object): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

type RawInit = CallInit<unknown> & { params?: { path?: Record<string, unknown> } };

/**
 * One call of any operation, with the error model of the whole package: a non-2xx answer
 * throws the `DevinApiError` subclass for its status (`apiFailure`: key redacted from
 * headers and body, the operation named), a 2xx body that is not JSON or is empty throws
 * `DevinInvalidResponseError`; anything the transport throws (no connection, timeout,
 * abort, too large) is a `DevinError` already.
 */
export async function callOperation(
  client: Client<never>,
  settings: CallSettings,
  method: string,
  path: string,
  init: RawInit | undefined,
): Promise<DevinResponse<unknown>> {
  const { maxRetries, timeoutMs, ...fetchInit } = init ?? {};
  // fetch's own refusal of a URL with a password in it quotes the URL: refuse it here first.
  if (fetchInit.baseUrl !== undefined) assertSecureTransport(fetchInit.baseUrl);
  assertTransportLimits({ maxRetries, timeoutMs });
  // Only what the call sets overrides the client's transport (an `undefined` must not unset it).
  const base = settings.transport;
  const transport =
    maxRetries === undefined && timeoutMs === undefined
      ? undefined
      : createTransport({
          ...base,
          maxRetries: maxRetries ?? base.maxRetries,
          timeoutMs: timeoutMs ?? base.timeoutMs,
        });
  const operation = `${method} ${path}`;
  // `fetchInit` is this call's own object (the rest of `init`): what openapi-fetch is told goes on it.
  const sent = fetchInit as Record<string, unknown>;
  if (!settings.hasMiddleware && isPlannable(sent)) sent.Request = PlannedRequest;
  if (transport) sent.fetch = transport;
  let answer: { data?: unknown; error?: unknown; response: Response };
  try {
    answer = await (client as unknown as UntypedClient).request(method.toLowerCase(), path, sent);
  } catch (failure) {
    // openapi-fetch parses a 2xx body as JSON and lets the SyntaxError through.
    if (!(failure instanceof SyntaxError)) throw failure;
    const url = `${fetchInit.baseUrl ?? settings.baseUrl}${strictPathSerializer(path, fetchInit.params?.path ?? {})}`;
    // No cause: the parser's message quotes the body, which could echo the key.
    throw new DevinInvalidResponseError(`${method} ${url} answered 2xx with a body that is not JSON`);
  }
  const { data, error, response } = answer;
  // The request's summary (a URL parse) is only worked out for an error.
  const request = (): RequestSummary => ({ ...(requestOf(response) ?? { method, url: path, tries: 1 }), operation });
  if (!response.ok) {
    const { apiFailure } = await import("./api-failure.js");
    throw apiFailure(response, error, request(), settings.apiKey, DevinApiError, oneLine);
  }
  // Of the statuses that cannot carry a body, a 2xx is 204 or 205; nor has any answer to HEAD.
  if (data === undefined && method !== "HEAD" && !NULL_BODY_STATUSES.has(response.status)) {
    const { method: sent, url } = request();
    throw new DevinInvalidResponseError(`${sent} ${url} answered ${response.status} with an empty body, not JSON`);
  }
  return {
    data,
    status: response.status,
    headers: response.headers,
    requestId: response.headers.get("x-request-id") ?? undefined,
  };
}
