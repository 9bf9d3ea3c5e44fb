/**
 * This package's version, as `User-Agent` names it. `npm run build` writes package.json's
 * version into the built files in place of this placeholder, so the version is kept in
 * one place (and bumped there by the release step); run from source, the client says it
 * is a development build.
 */
export const PACKAGE_VERSION: string = "0.0.0-development";

/** `devin-v3-client/<version>`, sent as `User-Agent` unless the caller's headers set one. */
export const USER_AGENT = `devin-v3-client/${PACKAGE_VERSION}`;
