import { createHash } from "node:crypto";

/** Hex sha256 of strings (as UTF-8) or bytes, taken one after the other without joining them first. */
export function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}
