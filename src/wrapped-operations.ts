import { USAGE_METRICS_PATH } from "./usage-metrics.js";

/**
 * The operations this package wraps in a named function (`METHOD path`, as the spec spells
 * the path). Every operation of the spec is callable through the typed client; these are
 * the ones with a function of their own. The sync report names new operations that are
 * not here, so a reviewer sees what has no wrapper yet.
 */
export const WRAPPED_OPERATIONS: readonly string[] = [`GET ${USAGE_METRICS_PATH}`];
