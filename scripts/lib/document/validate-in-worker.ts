import { Worker } from "node:worker_threads";
import { PipelineError } from "../util/pipeline-error.js";
import { BUNDLED } from "../util/source-root.js";
import type { DocumentWarning } from "./warnings.js";

export interface StructureValidator {
  /**
   * Resolves with its warnings when the document (or only its `components`, see
   * `splitForValidation`) is structurally valid; rejects with the one-line `PipelineError` otherwise.
   */
  validate(bytes: Uint8Array, origin: string, part?: "whole" | "components"): Promise<DocumentWarning[]>;
}

/**
 * Structural validation on a worker thread, so it runs on the second core while the main
 * thread downloads, parses and compares: for GitHub's 13 MB description it is the largest
 * single cost of a diff (docs/benchmarks.md). Start it first: the worker loads the validator
 * while the caller is still reading its inputs.
 */
function startStructureValidator(): StructureValidator {
  const worker = BUNDLED
    ? // The launcher builds the worker as an entry of its own, beside this chunk.
      new Worker(new URL("./structure-worker.mjs", import.meta.url))
    : // From sources, a worker thread does not inherit the TypeScript loader of the thread
      // that started it: register tsx in the worker first, then load the module.
      new Worker(
        `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then(({ register }) => {
          register();
          return import(${JSON.stringify(new URL("./structure-worker.ts", import.meta.url).href)});
        });`,
        { eval: true },
      );
  const pending = new Map<number, { resolve: (warnings: DocumentWarning[]) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  worker.on("message", ({ id, error, warnings }: { id: number; error?: string; warnings?: DocumentWarning[] }) => {
    const waiter = pending.get(id);
    pending.delete(id);
    if (error === undefined) waiter?.resolve(warnings ?? []);
    else waiter?.reject(new PipelineError("spec-invalid", error));
  });
  worker.on("exit", () => {
    if (shared === validator) shared = undefined;
  });
  worker.on("error", (error) => {
    for (const waiter of pending.values())
      waiter.reject(new PipelineError("spec-invalid", `structural validation failed to run: ${error.message}`));
    pending.clear();
  });
  // After the listeners: adding a "message" listener references the worker again.
  worker.unref();
  const validator: StructureValidator = {
    validate(bytes, origin, part = "whole") {
      const id = nextId++;
      return new Promise<DocumentWarning[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        // Bytes, not the decoded text: copying them to the worker is a memcpy.
        worker.postMessage({ id, bytes, origin, part });
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      });
    },
  };
  return validator;
}

let shared: StructureValidator | undefined;

/**
 * One validator for the whole process, started on first use: its worker is unreferenced
 * while idle, so it never keeps a finished command alive, and a process that diffs many
 * times (a test suite) pays the worker's start-up once.
 */
export function sharedStructureValidator(): StructureValidator {
  shared ??= startStructureValidator();
  return shared;
}
