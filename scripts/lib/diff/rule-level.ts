/** How much a change matters to a client: oasdiff's ERR, WARN and INFO. */
export type Level = "breaking" | "warning" | "info";

export const LEVEL_ORDER: readonly Level[] = ["breaking", "warning", "info"];
