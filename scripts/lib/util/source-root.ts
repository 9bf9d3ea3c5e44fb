import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Set by `scripts/launch.mjs` when it runs a bundled build of the scripts: the bundle's
 * own location (`.cache/scripts/…`) says nothing about where the sources are.
 */
const LAUNCHED_FROM = Symbol.for("devin-v3-client.source-root");

const launchedRoot = (globalThis as Record<symbol, unknown>)[LAUNCHED_FROM];

/** True when this code runs from the launcher's bundle rather than from TypeScript sources. */
export const BUNDLED = typeof launchedRoot === "string";

/** The repository the running code comes from. */
export const SOURCE_ROOT: string = BUNDLED
  ? (launchedRoot as string)
  : resolve(fileURLToPath(new URL("../../..", import.meta.url)));
