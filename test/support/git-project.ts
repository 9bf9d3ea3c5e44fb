import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { copyProject, type ProjectCopy, REPO_ROOT } from "./project-copy.js";

const run = promisify(execFile);

/**
 * Everything the repository tracks at its top level (the pipeline, the client, its
 * tests, docs and config), so that the suite run inside a copy is the whole suite.
 */
async function trackedEntries(): Promise<string[]> {
  const { stdout } = await run("git", ["ls-files"], { cwd: REPO_ROOT });
  return [
    ...new Set(
      stdout
        .split("\n")
        .filter(Boolean)
        .map((file) => file.split("/")[0] as string),
    ),
  ];
}

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
  const project = await copyProject(await trackedEntries());
  const git = (...args: string[]) => run("git", args, { cwd: project.root });
  await git("init", "-q");
  await git("add", "-A");
  await git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-qm", "copy");
  return project;
}
