import { pointer } from "../../../src/json-pointer.js";
import { oneLine } from "../../../src/untrusted-text.js";
import { PipelineError } from "../util/pipeline-error.js";

/** Names `Object.prototype` holds: a key spelt so is found in any plain object, own or not. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The JSON pointer of a key of `document` named like a member of `Object.prototype`, if it has one. */
export function inheritedNameIn(document: unknown): string | undefined {
  const pending: { value: unknown; at: string[] }[] = [{ value: document, at: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, at } = next;
    if (typeof value !== "object" || value === null) continue;
    for (const [key, item] of Object.entries(value)) {
      if (!Array.isArray(value) && INHERITED.has(key)) return pointer(...at, key);
      pending.push({ value: item, at: [...at, key] });
    }
  }
  return undefined;
}

/**
 * What a library that failed on a document (Redocly's validator, openapi-typescript)
 * threw, as one line saying which tool and which document. Such a failure is a
 * `TypeError` from deep inside more often than a message: when the document has a key
 * named like a member of `Object.prototype` (the usual cause, since the libraries look
 * keys up in plain objects), the line says where. A `PipelineError` passes as it is.
 */
export function toolFailure(document: unknown, origin: string, tool: string, error: unknown): PipelineError {
  if (error instanceof PipelineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const inherited = inheritedNameIn(document);
  const hint =
    inherited === undefined
      ? ""
      : ` (it has a key named like a member of Object.prototype at ${oneLine(inherited)}, which the library takes for its own)`;
  return new PipelineError("spec-invalid", `${tool} could not process ${origin}: ${oneLine(message)}${hint}`, {
    cause: error,
  });
}
