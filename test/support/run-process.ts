import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./project-copy.js";

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (killed after `timeoutMs`) and collects its output. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    // Decoded as a stream: a character whose UTF-8 bytes arrive in two chunks stays one character.
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 240_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs one of the project's commands exactly as `npm run` does: through the launcher
 * (`node scripts/launch.mjs <name>`), in `root`, with that project's own code.
 */
export function runScript(
  root: string,
  script: string,
  args: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
  timeoutMs?: number,
): Promise<ProcessResult> {
  const name = script.replace(/\.ts$/, "");
  return runProcess(process.execPath, [join(root, "scripts", "launch.mjs"), name, ...args], {
    cwd: root,
    env,
    timeoutMs,
  });
}

/** The TypeScript compiler of this repository, run over a project directory. */
export function runTsc(cwd: string, args: readonly string[] = ["--noEmit", "-p", "."]): Promise<ProcessResult> {
  return runProcess(process.execPath, [join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), ...args], {
    cwd,
    timeoutMs: 240_000,
  });
}

/** One TypeScript file of a project compiled on its own, strictly, as a consumer's would be (Node's types only). */
export function typecheckFile(root: string, file: string): Promise<ProcessResult> {
  return runTsc(root, [
    "--noEmit",
    "--strict",
    "--skipLibCheck",
    "--target",
    "es2022",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--types",
    "node",
    file,
  ]);
}
