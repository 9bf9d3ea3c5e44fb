import { readBodyCapped } from "../../../src/read-capped.js";
import { isRetryableStatus, retryDelayMs } from "../../../src/retry.js";
import { displayText } from "../../../src/untrusted-text.js";
import { PipelineError } from "../util/pipeline-error.js";

export interface DownloadOptions {
  /** Each try (every redirect, the body) must finish within this. */
  timeoutMs: number;
  /** A body larger than this is refused, before or while it arrives. */
  maxBytes: number;
  /** Retries after the first try for connection failures, 429 and 5xx. */
  maxRetries?: number;
  /** Progress lines (retries), for stderr. */
  log?: (line: string) => void;
}

/** 20 MB: a generous cap (GitHub's whole REST description is 13 MB). */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 30_000;
const DEFAULT_DOWNLOAD_RETRIES = 3;

/** A failure worth another try; anything else is final. */
class TransientFailure extends Error {
  constructor(
    message: string,
    readonly headers?: Headers,
  ) {
    super(message);
  }
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const body = await readBodyCapped(response, maxBytes);
  if (body === undefined) {
    throw new PipelineError("source-refused", `${url} sent more than the ${maxBytes}-byte limit (--max-bytes)`);
  }
  return body;
}

/** Redirects followed at most, as fetch's own limit (Fetch standard §4.4). */
const MAX_REDIRECTS = 20;

/** The URL a redirect points at, if it may be followed: http(s) only, and never from https down to http. */
export function redirectTarget(from: URL, location: string | null): URL {
  if (!location) throw new PipelineError("source-refused", `${from.href} redirects without a Location`);
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new PipelineError(
      "source-refused",
      `${from.href} redirects to "${displayText(location)}", which is not a URL`,
    );
  }
  if (to.protocol !== "http:" && to.protocol !== "https:") {
    throw new PipelineError(
      "source-refused",
      `${from.href} redirects to ${displayText(to.protocol)} URL; only http(s) is followed`,
    );
  }
  if (from.protocol === "https:" && to.protocol === "http:") {
    throw new PipelineError(
      "source-refused",
      `${from.href} redirects to plain http (${displayText(to.href)}); a downgrade from https is refused`,
    );
  }
  return to;
}

/** Sends one request, following redirects by hand so each hop's scheme can be checked. */
async function request(url: URL, signal: AbortSignal): Promise<{ response: Response; url: URL }> {
  const seen = new Set<string>();
  for (let current = url; ; ) {
    let response: Response;
    try {
      response = await fetch(current, {
        redirect: "manual",
        signal,
        headers: { accept: "application/yaml, application/json;q=0.9, */*;q=0.5" },
      });
    } catch (error) {
      if (signal.aborted) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new TransientFailure(
        `no response from ${current.href} (${cause?.code ?? cause?.message ?? (error as Error).message})`,
      );
    }
    if (![301, 302, 303, 307, 308].includes(response.status)) return { response, url: current };
    await response.body?.cancel();
    seen.add(current.href);
    const next = redirectTarget(current, response.headers.get("location"));
    if (seen.has(next.href) || seen.size > MAX_REDIRECTS) {
      throw new PipelineError("source-refused", `${url.href} redirects in a loop (through ${next.href})`);
    }
    current = next;
  }
}

async function tryOnce(
  url: URL,
  options: DownloadOptions,
  signal: AbortSignal,
): Promise<{ bytes: Uint8Array; url: string }> {
  const answered = await request(url, signal);
  const { response } = answered;
  if (isRetryableStatus(response.status) && response.status !== 409) {
    await response.body?.cancel();
    throw new TransientFailure(
      `${answered.url.href} answered ${response.status} ${response.statusText}`.trim(),
      response.headers,
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new PipelineError(
      "source-unreachable",
      `${answered.url.href} answered ${response.status} ${response.statusText}`.trim(),
    );
  }
  try {
    return { bytes: await readCapped(response, answered.url.href, options.maxBytes), url: answered.url.href };
  } catch (error) {
    if (error instanceof PipelineError || signal.aborted) throw error;
    throw new TransientFailure(`the body from ${answered.url.href} was cut short (${(error as Error).message})`);
  }
}

/**
 * Downloads a document: redirects followed (http(s) only, never from https to http), the body capped at `maxBytes`, each try
 * (redirects and body included) bounded by `timeoutMs`. Connection failures, truncated
 * bodies, 429 and 5xx are retried with the client's retry policy (Retry-After honoured),
 * each retry logged; a 4xx, a redirect loop, an oversized body or a timeout fail at once
 * (a source that did not answer in time once is not asked again). Every failure is a
 * one-line `PipelineError` naming the URL.
 */
export async function downloadSpec(url: string, options: DownloadOptions): Promise<{ bytes: Uint8Array; url: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PipelineError("bad-input", `"${url}" is not a URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new PipelineError("bad-input", `${url} is not an http(s) URL; use --file for a local file`);
  }
  const maxRetries = options.maxRetries ?? DEFAULT_DOWNLOAD_RETRIES;
  for (let tries = 1; ; tries++) {
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      return await tryOnce(parsed, options, signal);
    } catch (error) {
      if (signal.aborted)
        throw new PipelineError(
          "source-unreachable",
          `${url} did not answer within ${options.timeoutMs} ms (--timeout-ms)`,
        );
      if (!(error instanceof TransientFailure)) throw error;
      if (tries > maxRetries)
        throw new PipelineError("source-unreachable", `${error.message}; gave up after ${tries} tries`);
      const delay = retryDelayMs(tries, error.headers);
      options.log?.(
        `${error.message}; retrying in ${(delay / 1000).toFixed(1)} s (try ${tries + 1} of ${maxRetries + 1})`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
