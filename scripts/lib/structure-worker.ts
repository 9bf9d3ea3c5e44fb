import { parentPort } from "node:worker_threads";
import { parseDocumentText } from "./parse-document.js";
import { assertOpenApi3, assertValidStructure, splitForValidation } from "./validate-document.js";

/**
 * Worker side of `sharedStructureValidator`: loaded (with the validator, the slow import)
 * as soon as the worker starts, then validates each `{ id, bytes, origin, part }` it is
 * sent (the whole document, or only its components), answering `{ id }` or
 * `{ id, error }` with the one-line message.
 */
type Request = { id: number; bytes: Uint8Array; origin: string; part: "whole" | "components" };
parentPort?.on("message", async ({ id, bytes, origin, part }: Request) => {
  try {
    const parsed = parseDocumentText(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"),
      origin,
    );
    assertOpenApi3(parsed, origin);
    await assertValidStructure(part === "components" ? splitForValidation(parsed).components : parsed, origin);
    parentPort?.postMessage({ id });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
