import { parentPort } from "node:worker_threads";
import { parseDocumentText } from "./parse-document.js";
import { assertOpenApi3, assertValidStructure } from "./validate-document.js";

/**
 * Worker side of `startStructureValidator`: loaded (with the validator, the slow import)
 * as soon as the worker starts, then validates each `{ id, text, origin }` it is sent,
 * answering `{ id }` or `{ id, error }` with the one-line message.
 */
parentPort?.on("message", async ({ id, text, origin }: { id: number; text: string; origin: string }) => {
  try {
    const parsed = parseDocumentText(text, origin);
    assertOpenApi3(parsed, origin);
    await assertValidStructure(parsed, origin);
    parentPort?.postMessage({ id });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
