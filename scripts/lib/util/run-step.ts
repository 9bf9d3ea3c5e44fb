import { spawn } from "node:child_process";

export interface StepResult {
  ok: boolean;
  /** stdout and stderr together, in order. */
  output: string;
}

/**
 * Runs a command in `cwd`, collecting its output; resolves with whether it exited 0. A
 * command that cannot be started at all rejects, which callers report as "could not run".
 */
export function runStep(command: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const [program, ...args] = command;
    if (!program) return reject(new Error("empty command"));
    const child = spawn(program, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ ok: code === 0, output }));
  });
}
