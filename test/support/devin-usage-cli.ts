import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "./project-copy.js";
import { type ProcessResult, runProcess } from "./run-process.js";

/** The command's entry point in this project (in a project copy, the copy's). */
export const DEVIN_USAGE = join(REPO_ROOT, "src", "cli", "devin-usage.ts");

/** Every TypeScript source the command can import, sorted: what the bundle's name is a hash of. */
function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      return entry.isDirectory() ? sources(path) : entry.name.endsWith(".ts") ? [path] : [];
    })
    .sort();
}

let command: Promise<readonly string[]> | undefined;

/**
 * How a test starts the command: `node <bundle>`, the command and what it imports bundled
 * by esbuild (as `scripts/launch.mjs` does for the pipeline) into
 * `.cache/devin-usage/<hash of every source>/`, inside the project so that its packages
 * resolve. Plain JavaScript starts in a fraction of the time `node --import tsx` takes,
 * which the suite pays once per run of the command; the hash means it never runs stale
 * code. Without esbuild it is `node --import tsx …/devin-usage.ts`.
 */
export function devinUsageCommand(): Promise<readonly string[]> {
  command ??= (async () => {
    try {
      const esbuild = await import("esbuild");
      const hash = createHash("sha256").update(esbuild.version);
      for (const file of [...sources(join(REPO_ROOT, "src")), ...sources(join(REPO_ROOT, "generated"))])
        hash.update(`\0${file}\0`).update(readFileSync(file));
      const folder = join(REPO_ROOT, ".cache", "devin-usage", hash.digest("hex").slice(0, 16));
      const bundle = join(folder, "devin-usage.mjs");
      if (!existsSync(bundle)) {
        const temporary = `${folder}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        await esbuild.build({
          entryPoints: [DEVIN_USAGE],
          bundle: true,
          format: "esm",
          platform: "node",
          target: "node20",
          packages: "external",
          outfile: join(temporary, "devin-usage.mjs"),
          logLevel: "silent",
        });
        try {
          renameSync(temporary, folder);
        } catch {
          rmSync(temporary, { recursive: true, force: true }); // another worker got there first
        }
        // Bundles untouched for a day are of sources long gone; newer ones may be in use.
        const builds = dirname(folder);
        for (const entry of readdirSync(builds)) {
          const path = join(builds, entry);
          if (path !== folder && Date.now() - statSync(path).mtimeMs > 86_400_000)
            rmSync(path, { recursive: true, force: true });
        }
      }
      return [process.execPath, bundle];
    } catch {
      return [process.execPath, "--import", "tsx", DEVIN_USAGE];
    }
  })();
  return command;
}

/** Runs the command to completion as a user would: a child process, key and org from the environment. */
export async function runDevinUsage(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  const [node, ...prefix] = await devinUsageCommand();
  return runProcess(node as string, [...prefix, ...args], { env: { DEBUG: "", COLUMNS: "", ...env } });
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
export async function startDevinUsage(args: readonly string[], env: NodeJS.ProcessEnv): Promise<RunningCommand> {
  const [node, ...prefix] = await devinUsageCommand();
  const child = spawn(node as string, [...prefix, ...args], {
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
  // Decoded as a stream: a character whose UTF-8 bytes arrive in two chunks stays one character.
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    stdout += chunk;
    notify();
  });
  child.stderr?.on("data", (chunk: string) => {
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
