import { summariseBody } from "./body-summary.js";
import type { DevinApiError, RequestSummary } from "./errors.js";
import { redactor } from "./redact.js";
import type { UpFront } from "./up-front.js";

/**
 * The `DevinApiError` for a non-2xx answer: the key redacted from its headers and body
 * (each spelling a server might echo), then the body summarised for the message. Loaded
 * on the first error answer, with the redactor and the summary writer: a client that
 * gets none never loads them (or, bundled, ships them up front).
 */
export function apiFailure(
  upFront: UpFront,
  response: Response,
  body: unknown,
  request: RequestSummary,
  apiKey: string,
): DevinApiError {
  const redact = redactor(apiKey);
  const safeBody = redact.value(body);
  return upFront.DevinApiError.generate(
    response.status,
    redact.value(response.headers),
    safeBody,
    request,
    summariseBody(safeBody, upFront.oneLine),
  );
}
