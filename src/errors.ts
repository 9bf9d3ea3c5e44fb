import { oneLine } from "./untrusted-text.js";

/**
 * What every error of this package carries, under a registered symbol (`Symbol.for`): the
 * names of its classes. The ESM and the CommonJS build are two copies of every class, and
 * an application can load both (its own code one, a dependency the other); `instanceof`
 * compares these names when the prototypes differ, so it answers alike for either copy.
 */
const KINDS = Symbol.for("devin-v3-client.error-kinds");

/** Base class of every error this package throws; `instanceof DevinError` catches them all. */
export class DevinError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    // Whatever a message quotes (a server's words, a URL), it stays one line on a terminal or in a log.
    super(oneLine(message), options);
  }

  /** `instanceof` for this class of either build of the package (see `KINDS`). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class on the right of `instanceof`: a subclass inherits this method.
    // biome-ignore lint/complexity/noThisInStatic: the subclass, not DevinError, is meant
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // Only this package's classes answer by name: an application's subclass inherits the
    // name of the class it extends, and an instance of that class is not one of its own.
    // biome-ignore lint/complexity/noThisInStatic: as above
    if (!PACKAGE_CLASSES.has(this)) return false;
    const kinds = (value as { [KINDS]?: unknown } | null | undefined)?.[KINDS];
    // biome-ignore lint/complexity/noThisInStatic: as above
    return Array.isArray(kinds) && kinds.includes(this.prototype.name);
  }

  /** The class names of this error, from its own up to `DevinError`. */
  get [KINDS](): string[] {
    const kinds: string[] = [];
    for (let prototype = Object.getPrototypeOf(this); prototype !== Error.prototype && prototype !== null; ) {
      if (Object.hasOwn(prototype, "name")) kinds.push(prototype.name);
      prototype = Object.getPrototypeOf(prototype);
    }
    return kinds;
  }
}

/** The client was used in a way that cannot work (no API key, a key over plain HTTP, …). */
export class DevinConfigError extends DevinError {
  declare readonly name: "DevinConfigError";
}

/** Where a request went; part of each error so a message says which call failed. */
export interface RequestSummary {
  method: string;
  /** The URL without its query string, which may hold caller data. */
  url: string;
  /** How many times the request was sent, retries included. */
  tries: number;
  /** The operation, as `METHOD /path/{template}` of the spec, when the call named one. */
  operation?: string;
}

/** `METHOD url`, and how many tries when there were more than one: how a message names its request. */
export function describeRequest(request: RequestSummary): string {
  return `${request.method} ${request.url}${request.tries > 1 ? ` (after ${request.tries} tries)` : ""}`;
}

/**
 * The server answered with a status outside 2xx. `status`, the response `headers` and
 * the parsed `body` (JSON when it was JSON, else the text) are kept as they came, less the
 * API key wherever the server echoed it. The client builds these (`summary` is its
 * one-line account of the body); catch them, by class or by `isErrorOf`.
 */
export class DevinApiError<TStatus extends number = number, TBody = unknown> extends DevinError {
  // Declared, not initialised: the constructor sets each (and a bundle carries no field list).
  declare readonly status: TStatus;
  declare readonly headers: Headers;
  declare readonly body: TBody;
  /** The server's request id (`x-request-id`), for support tickets. */
  declare readonly requestId: string | undefined;
  /** The spec's operation the request was for (`GET /v3/organizations/{org_id}/metrics/usage`), when known. */
  declare readonly operation: string | undefined;

  constructor(status: TStatus, headers: Headers, body: TBody, request: RequestSummary, summary: string) {
    super(`${describeRequest(request)} failed with ${status}: ${summary}`);
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.requestId = headers.get("x-request-id") ?? undefined;
    this.operation = request.operation;
  }

  /** The subclass for a status, so callers can `catch` by meaning rather than by number. */
  static generate(
    status: number,
    headers: Headers,
    body: unknown,
    request: RequestSummary,
    summary: string,
  ): DevinApiError {
    const ErrorClass = ERROR_BY_STATUS.get(status) ?? (status >= 500 ? InternalServerError : DevinApiError);
    return new ErrorClass(status as never, headers, body as never, request, summary);
  }
}

// Each subclass's `name` is a literal type, so a union of them narrows by `instanceof` or by `name`.
export class BadRequestError<TBody = unknown> extends DevinApiError<400, TBody> {
  declare readonly name: "BadRequestError";
}
export class AuthenticationError<TBody = unknown> extends DevinApiError<401, TBody> {
  declare readonly name: "AuthenticationError";
}
export class PermissionDeniedError<TBody = unknown> extends DevinApiError<403, TBody> {
  declare readonly name: "PermissionDeniedError";
}
export class NotFoundError<TBody = unknown> extends DevinApiError<404, TBody> {
  declare readonly name: "NotFoundError";
}
export class ConflictError<TBody = unknown> extends DevinApiError<409, TBody> {
  declare readonly name: "ConflictError";
}
/** 422: the body is whatever the operation's spec declares for it (`HTTPValidationError` for every Devin operation). */
export class UnprocessableEntityError<TBody = unknown> extends DevinApiError<422, TBody> {
  declare readonly name: "UnprocessableEntityError";
}
export class RateLimitError<TBody = unknown> extends DevinApiError<429, TBody> {
  declare readonly name: "RateLimitError";
}
export class InternalServerError<TStatus extends number = number, TBody = unknown> extends DevinApiError<
  TStatus,
  TBody
> {
  declare readonly name: "InternalServerError";
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
export class DevinConnectionError extends DevinError {}

/** No complete response came back within `timeoutMs`. */
export class DevinTimeoutError extends DevinConnectionError {
  declare readonly name: "DevinTimeoutError";
}

/** The caller's `AbortSignal` fired. Never retried. Its `name` is `"AbortError"`, as for any aborted fetch. */
export class DevinAbortError extends DevinError {
  declare readonly name: "AbortError";
}

/** A response body larger than `maxResponseBytes` (counted after decompression); the read was stopped. Never retried. */
export class DevinResponseTooLargeError extends DevinError {
  declare readonly name: "DevinResponseTooLargeError";
}

/** A 2xx response whose body is not the JSON the spec promises (not JSON, or empty). */
export class DevinInvalidResponseError extends DevinError {
  declare readonly name: "DevinInvalidResponseError";
}

/** A 2xx response body does not match the operation's response schema in the spec. */
export class DevinResponseValidationError extends DevinError {
  declare readonly name: "DevinResponseValidationError";
  /** Each mismatch as `pointer: expectation` (declared: the constructor sets it). */
  declare readonly issues: readonly string[];
  constructor(request: Omit<RequestSummary, "tries">, issues: readonly string[]) {
    const shown = issues.slice(0, SHOWN_ISSUES).join("; ");
    const more = issues.length > SHOWN_ISSUES ? ` (and ${issues.length - SHOWN_ISSUES} more)` : "";
    super(`${request.method} ${request.url} returned a body that does not match the spec: ${shown}${more}`);
    this.issues = issues;
  }
}

/** Mismatches named in a validation error's message; all of them are in its `issues`. */
const SHOWN_ISSUES = 10;

/**
 * Names on the prototypes rather than on each instance: the stack's first line is right
 * from construction, and `instanceof` across builds reads them (`KINDS`). Written as an
 * object so a minifier that renames classes keeps the names.
 */
const NAMES: Record<string, { prototype: Error }> = {
  DevinError,
  DevinConfigError,
  DevinApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  DevinConnectionError,
  DevinTimeoutError,
  AbortError: DevinAbortError,
  DevinResponseTooLargeError,
  DevinInvalidResponseError,
  DevinResponseValidationError,
};
/** The classes above, whose instances `instanceof` recognises by name across builds. */
const PACKAGE_CLASSES: ReadonlySet<unknown> = new Set(Object.values(NAMES));
for (const name in NAMES) {
  Object.defineProperty((NAMES[name] as { prototype: Error }).prototype, "name", {
    value: name,
    writable: true,
    configurable: true,
  });
}
