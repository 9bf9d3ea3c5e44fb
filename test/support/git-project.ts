import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { copyProject, type ProjectCopy } from "./project-copy.js";

const run = promisify(execFile);

/** Everything sync needs: the pipeline, the client, its tests and their config. */
const SYNC_ENTRIES = ["test", "vitest.config.ts", ".github", ".gitignore"];

/** `git status --porcelain` paths. */
export async function changedFiles(root: string): Promise<string[]> {
  const { stdout } = await run("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: root });
  return stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => line.slice(3))
    .sort();
}

/** A copy of the project as a fresh git repository with one commit. */
export async function gitProjectCopy(): Promise<ProjectCopy> {
  const project = await copyProject(SYNC_ENTRIES);
  const git = (...args: string[]) => run("git", args, { cwd: project.root });
  await git("init", "-q");
  await git("add", "-A");
  await git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-qm", "copy");
  return project;
}
