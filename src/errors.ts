import type { components } from "../generated/devin-v3.js";
import { oneLine } from "./untrusted-text.js";

/** The spec's body of a 422 response. */
export type HTTPValidationError = components["schemas"]["HTTPValidationError"];

/** Base class of every error this package throws; `instanceof DevinError` catches them all. */
export class DevinError extends Error {
  override name = "DevinError";
}

/** The client was used in a way that cannot work (no API key, a key over plain HTTP, …). */
export class DevinConfigError extends DevinError {
  override name = "DevinConfigError";
}

/** Where a request went; part of each error so a message says which call failed. */
export interface RequestSummary {
  method: string;
  /** The URL without its query string, which may hold caller data. */
  url: string;
  /** How many times the request was sent, retries included. */
  tries: number;
}

function describeRequest(request: RequestSummary): string {
  const tries = request.tries > 1 ? ` (after ${request.tries} tries)` : "";
  return `${request.method} ${request.url}${tries}`;
}

/**
 * The most useful one-line account of an error body: FastAPI's `detail` (a string or a
 * list of `{loc, msg}`), a `message` or `error` field, or the start of the raw text.
 */
function summariseBody(body: unknown): string {
  // The server's words go into a message that ends up on terminals and in logs: one line, no escapes.
  return oneLine(bodyText(body));
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null || body === "") return "(empty body)";
  if (typeof body === "string") return body.length > 200 ? `${body.slice(0, 200)}…` : body;
  if (typeof body === "object") {
    const record = body as Record<string, unknown>;
    const { detail } = record;
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) {
      return detail
        .map((item) => {
          const entry = item as { loc?: unknown; msg?: unknown };
          const where = Array.isArray(entry.loc) ? `${entry.loc.join(".")}: ` : "";
          return `${where}${typeof entry.msg === "string" ? entry.msg : JSON.stringify(item)}`;
        })
        .join("; ");
    }
    for (const key of ["message", "error"] as const) {
      if (typeof record[key] === "string") return record[key] as string;
    }
  }
  return bodyText(JSON.stringify(body));
}

/**
 * The server answered with a status outside 2xx. `status`, the response `headers` and
 * the parsed `body` (JSON when it was JSON, else the text) are kept as they came.
 */
export class DevinApiError<TStatus extends number = number, TBody = unknown> extends DevinError {
  override name = "DevinApiError";
  readonly status: TStatus;
  readonly headers: Headers;
  readonly body: TBody;
  /** The server's request id (`x-request-id`), for support tickets. */
  readonly requestId: string | undefined;

  constructor(status: TStatus, headers: Headers, body: TBody, request: RequestSummary) {
    super(`${describeRequest(request)} failed with ${status}: ${summariseBody(body)}`);
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.requestId = headers.get("x-request-id") ?? undefined;
  }

  /** The subclass for a status, so callers can `catch` by meaning rather than by number. */
  static generate(status: number, headers: Headers, body: unknown, request: RequestSummary): DevinApiError {
    const ErrorClass = ERROR_BY_STATUS.get(status) ?? (status >= 500 ? InternalServerError : DevinApiError);
    return new ErrorClass(status as never, headers, body as never, request);
  }
}

export class BadRequestError extends DevinApiError<400> {
  override name = "BadRequestError";
}
export class AuthenticationError extends DevinApiError<401> {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends DevinApiError<403> {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends DevinApiError<404> {
  override name = "NotFoundError";
}
export class ConflictError extends DevinApiError<409> {
  override name = "ConflictError";
}
export class UnprocessableEntityError extends DevinApiError<422, HTTPValidationError> {
  override name = "UnprocessableEntityError";
}
export class RateLimitError extends DevinApiError<429> {
  override name = "RateLimitError";
}
export class InternalServerError extends DevinApiError<number> {
  override name = "InternalServerError";
}

const ERROR_BY_STATUS = new Map<number, typeof DevinApiError<number, unknown>>([
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [409, ConflictError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
] as [number, typeof DevinApiError<number, unknown>][]);

/** No response came back: DNS, refused or reset connection, TLS failure. */
export class DevinConnectionError extends DevinError {
  override name = "DevinConnectionError";
}

/** No complete response came back within `timeoutMs`. */
export class DevinTimeoutError extends DevinConnectionError {
  override name = "DevinTimeoutError";
}

/** The caller's `AbortSignal` fired. Never retried. */
export class DevinAbortError extends DevinError {
  override name = "AbortError";
}

/** A response body larger than `maxResponseBytes` (counted after decompression); the read was stopped. Never retried. */
export class DevinResponseTooLargeError extends DevinError {
  override name = "DevinResponseTooLargeError";
}

/** A 2xx response whose body is not the JSON the spec promises. */
export class DevinInvalidResponseError extends DevinError {
  override name = "DevinInvalidResponseError";
}

/** A 2xx response body does not match the operation's response schema in the spec. */
export class DevinResponseValidationError extends DevinError {
  override name = "DevinResponseValidationError";
  /** Each mismatch as `pointer: expectation`. */
  readonly issues: readonly string[];
  constructor(request: Omit<RequestSummary, "tries">, issues: readonly string[]) {
    super(`${request.method} ${request.url} returned a body that does not match the spec: ${issues.join("; ")}`);
    this.issues = issues;
  }
}
