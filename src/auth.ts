import type { HeadersOptions } from "openapi-fetch";
import { DevinConfigError } from "./errors.js";
import { USER_AGENT } from "./version.js";

/** The environment variable the API key is read from when `apiKey` is not given. */
export const API_KEY_ENV = "DEVIN_API_KEY";

/** Devin v3 service-user credentials start with this (the spec's `bearerAuth` description). */
const V3_KEY_PREFIX = "cog_";

let warnedAboutPrefix = false;

/**
 * The runtime's `process`, where there is one (Node, Bun, Deno); browsers and edge runtimes
 * have none, and the client needs none: the key can always be passed as an option.
 */
interface ProcessLike {
  env?: Record<string, string | undefined>;
  emitWarning?: (message: string, options: { code: string }) => void;
}
const runtimeProcess = (globalThis as { process?: ProcessLike }).process;

function environment(name: string): string | undefined {
  try {
    return runtimeProcess?.env?.[name];
  } catch {
    // Deno without --allow-env throws on the read: no variable, then.
    return undefined;
  }
}

/**
 * The key to send: the option, else `DEVIN_API_KEY`. Missing is a misuse, reported when
 * the client is created rather than as a 401 on the first call. A key without the v3
 * prefix is sent anyway (the server is the judge) after one warning that does not show it.
 */
export function resolveApiKey(apiKey: string | undefined): string {
  const key = apiKey ?? environment(API_KEY_ENV);
  if (!key) {
    throw new DevinConfigError(
      `No API key: pass { apiKey } or set the ${API_KEY_ENV} environment variable to a service user's key`,
    );
  }
  // A header value cannot hold a line break (it would end the header, RFC 9110 §5.5) and
  // fetch rejects one with the value in its message: refuse here, naming only where.
  const bad = key.search(/[^\x21-\x7e]/);
  if (bad >= 0) {
    throw new DevinConfigError(
      `The API key has a space, control or non-ASCII character at position ${bad + 1} of ${key.length}; copy it again without whitespace or line breaks`,
    );
  }
  if (!key.startsWith(V3_KEY_PREFIX) && !warnedAboutPrefix) {
    warnedAboutPrefix = true;
    const warning = `The API key does not start with "${V3_KEY_PREFIX}" as v3 service-user keys do; requests may be rejected with 401`;
    if (runtimeProcess?.emitWarning) runtimeProcess.emitWarning(warning, { code: "DEVIN_API_KEY_PREFIX" });
    else console.warn(warning);
  }
  return key;
}

/** Loopback hosts: a key sent to them over plain HTTP never leaves the machine. */
function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Refuses to send a credential in clear text anywhere but to this machine, or to something that is not a URL. */
export function assertSecureTransport(url: string | URL): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Whatever stands before an `@` may be a password: it is not shown.
    const shown = JSON.stringify(String(url).replace(/\/\/[^/]*@/, "//…@"));
    throw new DevinConfigError(`The base URL ${shown} is not a URL; give one like https://api.devin.ai`);
  }
  // fetch refuses such a URL with a TypeError that quotes it, password and all (Fetch standard, "new Request").
  if (parsed.username !== "" || parsed.password !== "") {
    throw new DevinConfigError(
      `The base URL for ${parsed.host} has a user name or password in it; remove it (the API key authenticates)`,
    );
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new DevinConfigError(`The base URL must be https:// (or http:// to loopback), not ${parsed.protocol}`);
  }
  if (parsed.protocol === "http:" && !isLoopback(parsed.hostname)) {
    throw new DevinConfigError(
      `Refusing to send the API key over plain http to ${parsed.host}: anyone on the network could read it. Use https:// (or http:// to loopback: localhost, 127.0.0.0/8, ::1)`,
    );
  }
}

/**
 * `assertSecureTransport` for every request URL, on each call's path: a URL under an
 * origin already found safe, or any https URL, is let through without parsing it again.
 */
export function secureTransportGuard(): (url: string) => void {
  const safeOrigins = new Set<string>();
  return (url) => {
    if (url.startsWith("https://")) return;
    const origin = url.slice(0, url.indexOf("/", url.indexOf("//") + 2) >>> 0);
    if (safeOrigins.has(origin)) return;
    assertSecureTransport(url);
    safeOrigins.add(origin);
  };
}

/**
 * A browser page or worker. There the browser names itself in `User-Agent`: Chromium drops
 * one a script sets, and Firefox sends it, which makes a cross-origin API that allows only
 * `authorization` and `content-type` in its CORS preflight refuse every call.
 */
function inBrowser(): boolean {
  const scope = globalThis as { document?: unknown; WorkerGlobalScope?: unknown };
  return scope.document !== undefined || scope.WorkerGlobalScope !== undefined;
}

/**
 * The client's base headers with `Authorization: Bearer <key>` added, replacing any
 * Authorization the caller gave, and `User-Agent` naming this package and its version
 * unless the caller gave one or the client runs in a browser (`inBrowser`). openapi-fetch
 * keeps base headers in a closure, not on the client object, so inspecting or logging a
 * client never shows the key; and it merges them
 * into every request with the caller's per-call headers, at no cost beyond what it does
 * anyway (a middleware setting the header cost 1–3 % of a call, docs/benchmarks.md).
 */
export function baseHeaders(headers: HeadersOptions | undefined, apiKey: string): HeadersOptions {
  const entries: [string, unknown][] =
    headers === undefined
      ? []
      : headers instanceof Headers || Array.isArray(headers)
        ? [...new Headers(headers as HeadersInit)]
        : Object.entries(headers);
  const merged: Record<string, unknown> = inBrowser() ? {} : { "User-Agent": USER_AGENT };
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (lower === "user-agent") delete merged["User-Agent"];
    if (lower !== "authorization") merged[name] = value;
  }
  merged.Authorization = `Bearer ${apiKey}`;
  return merged as HeadersOptions;
}
