import { heldText } from "./buffered-response.js";
import { DevinApiError, DevinInvalidResponseError, DevinResponseValidationError } from "./errors.js";
import { summarise } from "./transport.js";
import { oneLine } from "./untrusted-text.js";

/**
 * What the modules loaded on demand (the error-answer path, response validation,
 * pagination) use of the ones loaded up front, handed to them by their caller rather than
 * imported: they import only types from the modules loaded up front, so a bundler gives
 * them chunks of their own instead of splitting the up-front code into chunks shared with
 * them, whose imports and exports were 0.2 kB of the bundle loaded up front
 * (docs/benchmarks.md). The error classes are the same classes, so `instanceof` and
 * `name` are as they would be.
 */
export const UP_FRONT = {
  DevinApiError,
  DevinInvalidResponseError,
  DevinResponseValidationError,
  heldText,
  oneLine,
  summarise,
};

export type UpFront = typeof UP_FRONT;
