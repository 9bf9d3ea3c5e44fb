import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { PipelineError } from "./pipeline-error.js";

/** Reads a file as text, with a one-line error naming it when it is missing or unreadable. */
export async function readTextFile(file: string, what = "file"): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const shown = relative(process.cwd(), file) || file;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new PipelineError("spec-unreadable", `${what} ${shown} does not exist`);
    throw new PipelineError("spec-unreadable", `cannot read ${what} ${shown}: ${(error as Error).message}`);
  }
}

/** A file's text, or `undefined` when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
