import { parentPort } from "node:worker_threads";
import { parseOpenApiDocument } from "./parse-openapi.js";
import { assertValidStructure, splitForValidation } from "./validate.js";

/**
 * Worker side of `sharedStructureValidator`: loaded (with the validator, the slow import)
 * as soon as the worker starts, then validates each `{ id, bytes, origin, part }` it is
 * sent (the whole document, or only its components), answering `{ id, warnings }` or
 * `{ id, error }` with the one-line message.
 */
type Request = { id: number; bytes: Uint8Array; origin: string; part: "whole" | "components" };
parentPort?.on("message", async ({ id, bytes, origin, part }: Request) => {
  try {
    // The sender checked the bytes are UTF-8 already.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
    const parsed = parseOpenApiDocument(text, origin);
    const warnings = await assertValidStructure(
      part === "components" ? splitForValidation(parsed).components : parsed,
      origin,
    );
    parentPort?.postMessage({ id, warnings });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
