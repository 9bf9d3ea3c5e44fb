import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "devin-v3-client";

/**
 * This package's version, from its package.json: the nearest one above this module named
 * `devin-v3-client` (two levels up from the sources, three from `dist/`, wherever it is
 * installed). `unknown` when none is found rather than a failure: a version is never
 * worth a failed command.
 */
export function packageVersion(moduleUrl: string = import.meta.url): string {
  let folder = dirname(fileURLToPath(moduleUrl));
  for (let level = 0; level < 8; level++) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === "string") return manifest.version;
    } catch {
      // No package.json here, or not one we can read: look further up.
    }
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return "unknown";
}
