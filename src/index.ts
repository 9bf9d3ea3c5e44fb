export type { components, operations, paths } from "../generated/devin-v3.js";
export { API_KEY_ENV } from "./auth.js";
export {
  createDevinClient,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  type DevinClient,
  type DevinClientOptions,
} from "./client.js";
export {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  DevinAbortError,
  DevinApiError,
  DevinConfigError,
  DevinConnectionError,
  DevinError,
  DevinInvalidResponseError,
  DevinResponseTooLargeError,
  DevinResponseValidationError,
  DevinTimeoutError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RequestSummary,
  UnprocessableEntityError,
} from "./errors.js";
export type {
  CallInit,
  CallOptions,
  DevinResponse,
  HTTPValidationError,
  HttpMethod,
  OperationAt,
  OperationError,
  OtherStatusError,
  PaginatedPaths,
  PathsWith,
  SuccessBody,
} from "./operation-types.js";
export { RETRY_POLICY } from "./retry.js";
export {
  getUsageMetrics,
  USAGE_METRICS_PATH,
  type UsageMetrics,
  type UsageMetricsParams,
} from "./usage-metrics.js";
export { PACKAGE_VERSION, USER_AGENT } from "./version.js";
