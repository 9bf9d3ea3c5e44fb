import {
  AuthenticationError,
  DevinAbortError,
  DevinApiError,
  DevinConfigError,
  DevinConnectionError,
  DevinError,
  DevinTimeoutError,
  PermissionDeniedError,
} from "../../errors.js";
import { serverRetryDelayMs } from "../../retry.js";
import { CommandError } from "../command-error.js";
import { ExitCode } from "../exit-codes.js";
import { describeErrorBody } from "./error-body.js";
import { quotedText } from "./escape-terminal.js";
import type { TryReport } from "./observe-tries.js";

/** A window's request that failed, explained. */
export interface Failure {
  /** One line: what went wrong and what to do. Safe for a terminal. */
  message: string;
  /** What the run exits with when nothing at all was written. */
  exitCode: ExitCode;
  /**
   * The failure is the run's, not the window's (the key, the organization, a rate limit):
   * no new window is started.
   */
  stopsRun: boolean;
  /** The caller interrupted the run; the window was not fetched rather than failed. */
  interrupted?: boolean;
  /** What was thrown, for DEBUG=1's stack. */
  cause?: unknown;
}

export interface FailureContext {
  baseUrl: string;
  orgId: string;
  /** The last try the client sent for this request, when one was sent. */
  lastTry?: TryReport | undefined;
}

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;

function tryCount(error: unknown, lastTry: TryReport | undefined): string {
  const tries = lastTry?.tries ?? Number(/\(after (\d+) tries\)/.exec(String((error as Error)?.message))?.[1] ?? 1);
  return tries > 1 ? ` after ${tries} tries` : "";
}

/** What a status says to do, for the statuses a scheduler can act on. */
function statusAdvice(
  status: number,
  headers: Headers | undefined,
  context: FailureContext,
): Omit<Failure, "message"> & { advice: string } {
  if (status === 401)
    return {
      advice: "check that DEVIN_API_KEY holds a current service-user key",
      exitCode: ExitCode.authRefused,
      stopsRun: true,
    };
  if (status === 403)
    return {
      advice: "the service user needs the ViewAccountMetrics permission on this organization",
      exitCode: ExitCode.authRefused,
      stopsRun: true,
    };
  if (status === 404)
    return {
      advice: `is the organization ${JSON.stringify(context.orgId)} right (--org or DEVIN_ORG_ID), and ${context.baseUrl} the Devin API (--base-url)?`,
      exitCode: ExitCode.couldNotRun,
      stopsRun: true,
    };
  if (status === 429) {
    const asked = serverRetryDelayMs(headers);
    const when = asked === undefined ? "wait a minute or two" : `the API asks to wait ${seconds(asked)} (Retry-After)`;
    return {
      advice: `${when} before running again`,
      exitCode: ExitCode.unavailable,
      stopsRun: true,
    };
  }
  if (status >= 500)
    return {
      advice: `the fault is on the API's side: try again later`,
      exitCode: ExitCode.unavailable,
      stopsRun: false,
    };
  if (status === 408 || status === 409)
    return { advice: `try again later`, exitCode: ExitCode.unavailable, stopsRun: false };
  return { advice: "", exitCode: ExitCode.couldNotRun, stopsRun: false };
}

const STATUS_WORDS: Record<number, string> = {
  401: "the API key was rejected",
  403: "permission denied",
  404: "not found",
  422: "the server rejected the request",
  429: "rate-limited",
};

function apiFailure(error: DevinApiError, context: FailureContext): Failure {
  const { advice, exitCode, stopsRun } = statusAdvice(error.status, error.headers, context);
  const what = STATUS_WORDS[error.status] ?? (error.status >= 500 ? "the API failed" : "the API refused the request");
  const body =
    error instanceof AuthenticationError || error instanceof PermissionDeniedError
      ? undefined
      : describeErrorBody(error.body);
  const request = error.requestId ? `, request id ${quotedText(error.requestId, 80)}` : "";
  const said = [body, advice].filter(Boolean).join("; ");
  return {
    message: `${what} (${error.status}${tryCount(error, context.lastTry)}${request}): ${said}`,
    exitCode,
    stopsRun,
  };
}

function explain(error: unknown, context: FailureContext): Failure {
  const { baseUrl, lastTry } = context;
  if (error instanceof DevinAbortError) {
    return { message: "interrupted", exitCode: ExitCode.couldNotRun, stopsRun: true, interrupted: true };
  }
  if (error instanceof CommandError)
    return { message: quotedText(error.message), exitCode: error.exitCode, stopsRun: true };
  if (error instanceof DevinApiError) return apiFailure(error, context);
  if (error instanceof DevinTimeoutError) {
    return {
      message: `${baseUrl} did not answer in time (${quotedText(error.message)}); check --base-url or DEVIN_API_BASE_URL, or raise --timeout-ms`,
      exitCode: ExitCode.unavailable,
      stopsRun: false,
    };
  }
  if (error instanceof DevinConnectionError) {
    return {
      message: `could not reach ${baseUrl}: ${quotedText(error.message)}; check --base-url or DEVIN_API_BASE_URL and the network`,
      exitCode: ExitCode.unavailable,
      stopsRun: false,
    };
  }
  if (error instanceof DevinConfigError)
    return { message: quotedText(error.message), exitCode: ExitCode.couldNotRun, stopsRun: true };
  if (error instanceof DevinError)
    return { message: quotedText(error.message), exitCode: ExitCode.couldNotRun, stopsRun: false };
  // Not the client's error model: the client itself failed while reading an answer (its
  // own bug, or a body it could not cope with). Said in one line with the status the
  // server gave, never as a stack (DEBUG=1 shows it).
  const name = error instanceof Error ? error.name : typeof error;
  const detail = error instanceof Error ? error.message : String(error);
  const status = lastTry?.status;
  if (status !== undefined && status >= 400) {
    const { advice, exitCode, stopsRun } = statusAdvice(status, lastTry?.headers, context);
    const what = STATUS_WORDS[status] ?? (status >= 500 ? "the API failed" : "the API refused the request");
    return {
      message: `${what} (${status}${tryCount(error, lastTry)}), with an error body the client could not read (${quotedText(`${name}: ${detail}`, 120)})${advice ? `; ${advice}` : ""}`,
      exitCode,
      stopsRun,
    };
  }
  return {
    message: `the request failed unexpectedly (${quotedText(`${name}: ${detail}`, 200)})`,
    exitCode: ExitCode.couldNotRun,
    stopsRun: false,
  };
}

/**
 * Turns anything a window's request threw into one line and an exit code. It never
 * throws: whatever it is given, and whatever goes wrong while looking at it, the answer
 * is a `Failure`, so an error is never shown as a stack.
 */
export function explainFailure(error: unknown, context: FailureContext): Failure {
  try {
    return { ...explain(error, context), cause: error };
  } catch {
    return {
      message: "the request failed, and the failure could not be described",
      exitCode: ExitCode.couldNotRun,
      stopsRun: false,
    };
  }
}
