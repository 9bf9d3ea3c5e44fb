import { parentPort } from "node:worker_threads";
import { parseDocumentText } from "./parse-document.js";
import { assertOpenApi3, assertValidStructure, splitForValidation } from "./validate-document.js";

/**
 * Worker side of `startStructureValidator`: loaded (with the validator, the slow import)
 * as soon as the worker starts, then validates each `{ id, text, origin, part }` it is
 * sent (the whole document, or only its components), answering `{ id }` or
 * `{ id, error }` with the one-line message.
 */
type Request = { id: number; text: string; origin: string; part: "whole" | "components" };
parentPort?.on("message", async ({ id, text, origin, part }: Request) => {
  try {
    const parsed = parseDocumentText(text, origin);
    assertOpenApi3(parsed, origin);
    await assertValidStructure(part === "components" ? splitForValidation(parsed).components : parsed, origin);
    parentPort?.postMessage({ id });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
