/**
 * Types of any operation of a spec, read off openapi-typescript's `paths` by indexed access
 * and mapped types: nothing here names a schema, a field or an operation of the Devin API.
 */
import type { FetchOptions } from "openapi-fetch";
import type { components } from "../generated/devin-v3.js";
import type {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  DevinApiError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors.js";

/** An HTTP method as the generated `paths` key it. */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** The paths of `Paths` that have an operation for `Method`. */
export type PathsWith<Paths, Method extends HttpMethod> = {
  [Path in keyof Paths & string]: Paths[Path] extends Record<Method, infer Operation>
    ? [Operation] extends [never | undefined]
      ? never
      : Path
    : never;
}[keyof Paths & string];

/** The operation at `Method` and `Path`. */
export type OperationAt<Paths, Method extends HttpMethod, Path> = Path extends keyof Paths
  ? Paths[Path] extends Record<Method, infer Operation>
    ? Operation
    : never
  : never;

type Responses<Operation> = Operation extends { responses: infer R } ? R : never;

/** Status keys openapi-typescript writes for a success: 200–299 and the `2XX` range. */
type SuccessKey =
  | 200
  | 201
  | 202
  | 203
  | 204
  | 205
  | 206
  | 207
  | 208
  | 226 // biome-ignore format: one row
  | "2XX";

/** The JSON body (any `…json` media type) of a response object, or `undefined` when it has none. */
type JsonOf<Response> = Response extends { content: infer Content }
  ? {
      [Media in keyof Content]: Media extends `${string}json${string}` ? Content[Media] : never;
    }[keyof Content]
  : undefined;

/** What a 2xx answer of the operation holds: the JSON body of each success response it declares. */
export type SuccessBody<Operation> = {
  [Status in keyof Responses<Operation>]: Status extends SuccessKey ? JsonOf<Responses<Operation>[Status]> : never;
}[keyof Responses<Operation>];

/** The error statuses the operation declares (`4XX`, `5XX` and `default` included). */
type ErrorKey<Operation> = Exclude<keyof Responses<Operation>, SuccessKey>;

/** The error class thrown for a status, its body typed `Body`. */
type ErrorClassFor<Status, Body> = Status extends 400
  ? BadRequestError<Body>
  : Status extends 401
    ? AuthenticationError<Body>
    : Status extends 403
      ? PermissionDeniedError<Body>
      : Status extends 404
        ? NotFoundError<Body>
        : Status extends 409
          ? ConflictError<Body>
          : Status extends 422
            ? UnprocessableEntityError<Body>
            : Status extends 429
              ? RateLimitError<Body>
              : Status extends "5XX" | `5${number}` | 500 | 501 | 502 | 503 | 504
                ? InternalServerError<number, Body>
                : OtherStatusError<Body>;

/** A `DevinApiError` for a status that has no subclass of its own (418, 3xx, …). */
export type OtherStatusError<Body = unknown> = DevinApiError<number, Body> & { readonly name: "DevinApiError" };

/** The statuses that have a subclass, each with the body of an undeclared response: unknown. */
type UndeclaredErrors =
  | BadRequestError
  | AuthenticationError
  | PermissionDeniedError
  | NotFoundError
  | ConflictError
  | UnprocessableEntityError
  | RateLimitError
  | InternalServerError
  | OtherStatusError;

/**
 * What a call of the operation can throw as `DevinApiError`: for each error response it
 * declares, the subclass for that status with `body` typed as the response's JSON; for any
 * other status, the subclass with `body: unknown` (a server may answer a status its spec
 * does not list). Narrow it with `instanceof` (or `name`): each subclass's `name` is a
 * literal.
 */
export type OperationError<Operation> =
  | {
      [Status in ErrorKey<Operation>]: ErrorClassFor<Status, JsonOf<Responses<Operation>[Status]>>;
    }[ErrorKey<Operation>]
  | Exclude<UndeclaredErrors, { [Status in ErrorKey<Operation>]: ErrorClassFor<Status, unknown> }[ErrorKey<Operation>]>;

/** Per-call settings; each overrides the client's for this call only. */
export interface CallOptions {
  /** Aborts the call; an aborted call throws `DevinAbortError` and is not retried. */
  signal?: AbortSignal | undefined;
  /** @default the client's `maxRetries` */
  maxRetries?: number | undefined;
  /**
   * @default the client's `timeoutMs`
   * @unit milliseconds
   */
  timeoutMs?: number | undefined;
}

/** The request options of an operation: its `params` and `body` as openapi-fetch types them, and the call's settings. */
export type CallInit<Operation> = Omit<FetchOptions<Operation>, "parseAs" | "fetch" | "middleware"> & CallOptions;

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** The init argument: required when the operation has a required parameter or body. */
export type InitArgument<Operation> =
  RequiredKeys<CallInit<Operation>> extends never ? [init?: CallInit<Operation>] : [init: CallInit<Operation>];

/** A success with what the server said besides its body. */
export interface DevinResponse<Body> {
  /** The 2xx body as the spec types it. */
  data: Body;
  status: number;
  headers: Headers;
  /** The server's request id (`x-request-id`), for support tickets. */
  requestId: string | undefined;
}

type QueryOf<Operation> = Operation extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;

/**
 * True for a cursor-paginated operation, by its shape in the spec (the published Devin
 * pagination contract): a query parameter `after` that takes the cursor, and a JSON body
 * with `end_cursor` and `has_next_page`.
 */
type IsPaginated<Operation> = [SuccessBody<Operation>] extends [
  { end_cursor?: infer Cursor; has_next_page?: boolean | null },
]
  ? "after" extends keyof QueryOf<Operation>
    ? [NonNullable<Cursor>] extends [NonNullable<QueryOf<Operation>["after"]>]
      ? true
      : false
    : false
  : false;

/** The paths whose GET operation is cursor-paginated (`IsPaginated`). */
export type PaginatedPaths<Paths> = {
  [Path in PathsWith<Paths, "get">]: IsPaginated<OperationAt<Paths, "get", Path>> extends true ? Path : never;
}[PathsWith<Paths, "get">];

/** The spec's body of a 422 response, as every Devin operation declares it. */
export type HTTPValidationError = components["schemas"]["HTTPValidationError"];
