import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** This repository. */
export const REPO_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** What a copy of the project needs to run its pipeline and compile its client. */
const PROJECT_ENTRIES = ["spec", "scripts", "generated", "src", "package.json", "tsconfig.json"];

export interface ProjectCopy {
  root: string;
  remove(): Promise<void>;
}

/**
 * A throwaway copy of the project in a temp directory, sharing this repository's
 * node_modules through a symlink. Tests edit the copy, never the repository.
 */
export async function copyProject(extraEntries: string[] = []): Promise<ProjectCopy> {
  const root = await mkdtemp(join(tmpdir(), "devin-v3-client-"));
  for (const entry of new Set([...PROJECT_ENTRIES, ...extraEntries])) {
    await cp(join(REPO_ROOT, entry), join(root, entry), { recursive: true });
  }
  await symlink(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), "dir");
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}
