import { summariseBody } from "./body-summary.js";
import type { DevinApiError, RequestSummary } from "./errors.js";
import { redactor } from "./redact.js";
import type { oneLine as OneLine } from "./untrusted-text.js";

/**
 * The `DevinApiError` for a non-2xx answer: the key redacted from its headers and body
 * (each spelling a server might echo), then the body summarised for the message. Loaded
 * on the first error answer, with the redactor and the summary writer: a client that
 * gets none never loads them (or, bundled, ships them up front). `DevinApiError` and
 * `oneLine` are handed over by the caller, which loads them up front: a module loaded on
 * demand imports nothing but types of those (test/architecture.test.ts), so a bundler does
 * not split the up-front code into chunks shared with it (docs/benchmarks.md, the bundle).
 */
export function apiFailure(
  response: Response,
  body: unknown,
  request: RequestSummary,
  apiKey: string,
  ApiError: typeof DevinApiError,
  oneLine: typeof OneLine,
): DevinApiError {
  const redact = redactor(apiKey);
  const safeBody = redact.value(body);
  return ApiError.generate(
    response.status,
    redact.value(response.headers),
    safeBody,
    request,
    summariseBody(safeBody, oneLine),
  );
}
