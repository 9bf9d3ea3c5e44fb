import type { HeadersOptions } from "openapi-fetch";
import { DevinConfigError } from "./errors.js";

/** The environment variable the API key is read from when `apiKey` is not given. */
export const API_KEY_ENV = "DEVIN_API_KEY";

/** Devin v3 service-user credentials start with this (the spec's `bearerAuth` description). */
const V3_KEY_PREFIX = "cog_";

let warnedAboutPrefix = false;

function environment(name: string): string | undefined {
  return typeof process === "undefined" ? undefined : process.env[name];
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
      `No API key: pass { apiKey } to createDevinClient() or set the ${API_KEY_ENV} environment variable to a service user's key`,
    );
  }
  // A header value cannot hold a line break (it would end the header, RFC 9110 §5.5) and
  // fetch rejects one with the value in its message: refuse here, naming only where.
  const bad = key.search(/[^\x21-\x7e]/);
  if (bad >= 0) {
    throw new DevinConfigError(
      `The API key has a space, control or non-ASCII character at position ${bad + 1} of ${key.length}; copy the key again without surrounding whitespace or line breaks`,
    );
  }
  if (!key.startsWith(V3_KEY_PREFIX) && !warnedAboutPrefix) {
    warnedAboutPrefix = true;
    if (typeof process !== "undefined")
      process.emitWarning(
        `The Devin API key does not start with "${V3_KEY_PREFIX}", which v3 service-user keys do; requests may be rejected with 401`,
        { code: "DEVIN_API_KEY_PREFIX" },
      );
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
    throw new DevinConfigError(
      `The base URL ${JSON.stringify(String(url))} is not a URL; give one like https://api.devin.ai`,
    );
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new DevinConfigError(`The base URL must be https:// (or http:// to loopback), not ${parsed.protocol}`);
  }
  if (parsed.protocol === "http:" && !isLoopback(parsed.hostname)) {
    throw new DevinConfigError(
      `Refusing to send the API key over plain http to ${parsed.host}: anyone on the network could read it. Use https:// (plain http is allowed only for localhost and 127.0.0.0/8 or ::1)`,
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
 * The client's base headers with `Authorization: Bearer <key>` added, replacing any
 * Authorization the caller gave. openapi-fetch keeps base headers in a closure, not on the
 * client object, so inspecting or logging a client never shows the key; and it merges them
 * into every request with the caller's per-call headers, at no cost beyond what it does
 * anyway (a middleware setting the header cost 1–3 % of a call, docs/benchmarks.md).
 */
export function withAuthorization(headers: HeadersOptions | undefined, apiKey: string): HeadersOptions {
  const entries: [string, unknown][] =
    headers === undefined
      ? []
      : headers instanceof Headers || Array.isArray(headers)
        ? [...new Headers(headers as HeadersInit)]
        : Object.entries(headers);
  const merged: Record<string, unknown> = {};
  for (const [name, value] of entries) if (name.toLowerCase() !== "authorization") merged[name] = value;
  merged.Authorization = `Bearer ${apiKey}`;
  return merged as HeadersOptions;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Every spelling of the key a server might echo: as it is, percent-encoded (in a URL or a
 * `Location`, in either case of hex digits) and JSON-escaped (inside a JSON string).
 */
function secretPattern(secret: string): RegExp {
  const spellings = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  const alternatives = [...spellings].map((spelling) =>
    escapeRegExp(spelling).replace(/%[0-9A-F]{2}/g, (hex) => `(?:${hex}|${hex.toLowerCase()})`),
  );
  return new RegExp(alternatives.join("|"), "g");
}

function redactWith<T>(value: T, pattern: RegExp): T {
  if (typeof value === "string") return value.replace(pattern, "[redacted]") as T;
  if (value instanceof Headers) {
    return new Headers([...value].map(([name, item]): [string, string] => [name, redactWith(item, pattern)])) as T;
  }
  if (Array.isArray(value)) return value.map((item) => redactWith(item, pattern)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redactWith(key, pattern), redactWith(item, pattern)]),
    ) as T;
  }
  return value;
}

/**
 * Replaces every occurrence of `secret` (in any spelling a server might echo it in, see
 * `secretPattern`) in the strings of a value, deeply, with `[redacted]`: a server that
 * echoes the Authorization header must not put the key into an error message or body.
 */
export function redactSecret<T>(value: T, secret: string): T {
  return redactWith(value, secretPattern(secret));
}
