import { relative } from "node:path";
import { CommandError } from "../../src/cli/usage-error.js";
import { readIfExists } from "./read-text.js";

/**
 * What the lock beside the vendored spec records: where the document came from and the
 * sha256 of its bytes. No date: it changes only when the content does.
 */
export interface SpecLock {
  source: string;
  sha256: string;
}

/** Reads the lock; `undefined` when there is none. A lock that is not valid JSON is an error. */
export async function readSpecLock(lockFile: string): Promise<SpecLock | undefined> {
  const text = await readIfExists(lockFile);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<SpecLock>;
    if (typeof parsed.source === "string" && typeof parsed.sha256 === "string") {
      return { source: parsed.source, sha256: parsed.sha256 };
    }
  } catch {
    // Reported below with the file's name.
  }
  throw new CommandError(`${relative(process.cwd(), lockFile)} is not a valid lock (expected {"source", "sha256"})`);
}

export function formatSpecLock(lock: SpecLock): string {
  return `${JSON.stringify({ source: lock.source, sha256: lock.sha256 }, null, 2)}\n`;
}
