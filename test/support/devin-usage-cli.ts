import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./project-copy.js";
import { type ProcessResult, runProcess } from "./run-process.js";

/** The command's entry point in this project (in a project copy, the copy's). */
export const DEVIN_USAGE = join(REPO_ROOT, "src", "cli", "devin-usage.ts");

/** `node --import tsx …/devin-usage.ts`: how a test starts the command. */
export const DEVIN_USAGE_COMMAND = [process.execPath, "--import", "tsx", DEVIN_USAGE] as const;

/** Runs the command to completion as a user would: a child process, key and org from the environment. */
export function runDevinUsage(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  const [node, ...prefix] = DEVIN_USAGE_COMMAND;
  return runProcess(node, [...prefix, ...args], { env: { DEBUG: "", COLUMNS: "", ...env } });
}

/** A command still running: its output so far, a way to wait for some of it, and its end. */
export interface RunningCommand {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /**
   * Resolves once `predicate` holds, checked on each piece of output and every 20 ms (for
   * a predicate about something else, such as what a server received); rejects after
   * `timeoutMs` or when the command ends first.
   */
  waitFor(predicate: (output: { stdout: string; stderr: string }) => boolean, timeoutMs?: number): Promise<void>;
  done: Promise<ProcessResult>;
}

/** Starts the command and lets the test watch its output as it is written. */
export function startDevinUsage(args: readonly string[], env: NodeJS.ProcessEnv): RunningCommand {
  const [node, ...prefix] = DEVIN_USAGE_COMMAND;
  const child = spawn(node, [...prefix, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: "1", DEBUG: "", COLUMNS: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const watchers = new Set<() => void>();
  const notify = () => {
    for (const watcher of watchers) watcher();
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk;
    notify();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk;
    notify();
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  const done = new Promise<ProcessResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(killer);
      notify();
      resolve({ code, stdout, stderr });
    });
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    done,
    waitFor(predicate, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (predicate({ stdout, stderr })) {
            watchers.delete(check);
            clearTimeout(timer);
            clearInterval(poll);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            watchers.delete(check);
            clearTimeout(timer);
            clearInterval(poll);
            reject(new Error(`the command ended first; stdout: ${stdout.slice(-500)} stderr: ${stderr.slice(-500)}`));
          }
        };
        const poll = setInterval(check, 20);
        const timer = setTimeout(() => {
          clearInterval(poll);
          watchers.delete(check);
          reject(new Error(`timed out waiting; stdout: ${stdout.slice(-500)} stderr: ${stderr.slice(-500)}`));
        }, timeoutMs);
        watchers.add(check);
        check();
      });
    },
  };
}
