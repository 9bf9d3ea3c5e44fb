import { summariseBody } from "../body-summary.js";
import {
  AuthenticationError,
  DevinApiError,
  DevinConnectionError,
  DevinError,
  DevinTimeoutError,
  PermissionDeniedError,
  UnprocessableEntityError,
} from "../errors.js";
import { CommandError } from "./command-error.js";
import { ExitCode } from "./exit-codes.js";

/**
 * Turns a client error into the one line `devin-usage` prints: what went wrong and what to
 * do about it. The client's errors never contain the key, so neither does this.
 */
export function explainError(error: unknown, baseUrl: string): CommandError | unknown {
  const fail = (message: string) => new CommandError(message, ExitCode.couldNotRun, { cause: error });
  if (error instanceof AuthenticationError) {
    return fail("the API key was rejected (401): check that DEVIN_API_KEY holds a current service-user key");
  }
  if (error instanceof PermissionDeniedError) {
    return fail(
      "permission denied (403): the service user needs the ViewAccountMetrics permission on this organization",
    );
  }
  if (error instanceof UnprocessableEntityError) {
    // The body is the server's: summarised by the client's one reader of error bodies, whatever its shape.
    return fail(`the server rejected the request (422): ${summariseBody(error.body)}`);
  }
  if (error instanceof DevinTimeoutError) {
    return fail(
      `${baseUrl} did not answer in time (${error.message}); check --base-url or DEVIN_API_BASE_URL, or raise --timeout-ms`,
    );
  }
  if (error instanceof DevinConnectionError) {
    return fail(`could not reach ${baseUrl}: ${error.message}; check --base-url or DEVIN_API_BASE_URL and the network`);
  }
  if (error instanceof DevinApiError || error instanceof DevinError) return fail(error.message);
  return error;
}
