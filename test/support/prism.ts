import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { REPO_ROOT } from "./project-copy.js";

export interface PrismMock {
  url: string;
  stop(): Promise<void>;
}

/** A port the OS says is free right now (Prism needs a number; it cannot take 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Starts Stoplight Prism in mock mode on 127.0.0.1 serving `specFile`, and waits until it
 * answers (at most `readyTimeoutMs`). Prism validates each request against the spec on
 * its own: security, path and query parameters. It answers with a document's examples
 * where there are any (callers hand it one without: `withoutExamples`).
 */
export async function startPrism(specFile: string, readyTimeoutMs = 60_000): Promise<PrismMock> {
  const port = await freePort();
  const cli = join(REPO_ROOT, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
  const child = spawn(
    process.execPath,
    [cli, "mock", "--host", "127.0.0.1", "--port", String(port), "--errors", specFile],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stopChild(child);
        throw new Error(`Prism was not ready within ${readyTimeoutMs} ms:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return { url, stop: () => stopChild(child) };
}
