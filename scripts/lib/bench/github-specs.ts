import { execFile } from "node:child_process";
import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { PipelineError } from "../util/pipeline-error.js";

const run = promisify(execFile);

/** GitHub's published REST description, versions of the npm package `@octokit/openapi`. */
export const GITHUB_SPEC_VERSIONS = { old: "22.0.0", new: "23.0.2" } as const;

/**
 * The path of `api.github.com.json` from `@octokit/openapi@version`, fetched with
 * `npm pack` into `cacheDir` (ignored by git) the first time and reused after that.
 */
export async function githubSpec(cacheDir: string, version: string): Promise<string> {
  const folder = join(cacheDir, version);
  const file = join(folder, "package", "generated", "api.github.com.json");
  if (
    await stat(file).then(
      () => true,
      () => false,
    )
  )
    return file;
  await mkdir(folder, { recursive: true });
  try {
    const { stdout } = await run(
      "npm",
      ["pack", `@octokit/openapi@${version}`, "--silent", "--pack-destination", folder],
      {
        maxBuffer: 1 << 20,
      },
    );
    await run("tar", ["-xzf", join(folder, stdout.trim().split("\n").pop() ?? ""), "-C", folder]);
  } catch (error) {
    throw new PipelineError(
      "step-failed",
      `could not fetch @octokit/openapi@${version} with npm pack: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  return file;
}
