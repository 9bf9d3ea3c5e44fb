import { execFileSync } from "node:child_process";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readSource } from "../../../../scripts/lib/fetch/source.js";
import { REPO_ROOT } from "../../../support/project-copy.js";
import { runProcess } from "../../../support/run-process.js";

const LIMIT = 4096;

describe("--file reads at most --max-bytes, whatever the file is", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "source-test-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  /** A FIFO with a writer that offers `bytes` bytes and then closes (or waits for the reader to go). */
  async function fifo(name: string, bytes: number): Promise<string> {
    const path = join(folder, name);
    execFileSync("mkfifo", [path]);
    // The writer opens without blocking the test: the reader's open completes the pair.
    void open(path, "w").then(async (handle) => {
      try {
        for (let sent = 0; sent < bytes; sent += 1024)
          await handle.write(Buffer.alloc(Math.min(1024, bytes - sent), 0x61));
      } catch {
        // The reader stopped at its limit and closed its end: EPIPE is expected.
      } finally {
        await handle.close();
      }
    });
    return path;
  }

  test("a regular file over the limit is refused by its size before it is read", async () => {
    const file = join(folder, "big.yaml");
    await writeFile(file, Buffer.alloc(LIMIT + 1, 0x61));
    await expect(readSource({ file }, { maxBytes: LIMIT })).rejects.toThrow(
      `${file} is ${LIMIT + 1} bytes, over the ${LIMIT}-byte limit (--max-bytes)`,
    );
  });

  test("a regular file at the limit is read whole", async () => {
    const file = join(folder, "exact.yaml");
    await writeFile(file, Buffer.alloc(LIMIT, 0x62));
    expect((await readSource({ file }, { maxBytes: LIMIT })).bytes).toHaveLength(LIMIT);
  });

  test("/dev/zero, which has no size and no end, stops at the limit", async () => {
    await expect(readSource({ file: "/dev/zero" }, { maxBytes: LIMIT })).rejects.toMatchObject({
      kind: "source-refused",
      message: `/dev/zero passed the ${LIMIT}-byte limit while it was read (--max-bytes)`,
    });
  });

  test("a FIFO that offers more than the limit is refused once the limit is passed", async () => {
    const file = await fifo("endless.fifo", 64 * LIMIT);
    await expect(readSource({ file }, { maxBytes: LIMIT })).rejects.toMatchObject({ kind: "source-refused" });
  });

  test("a FIFO under the limit is read to its end", async () => {
    const file = await fifo("small.fifo", LIMIT - 10);
    expect((await readSource({ file }, { maxBytes: LIMIT })).bytes).toHaveLength(LIMIT - 10);
  });

  test("/dev/stdin: spec:fetch --file /dev/stdin exits 2 when stdin holds more than --max-bytes", async () => {
    // A shell pipe, as `cat doc.yaml | npm run spec:fetch -- --file /dev/stdin` makes (a
    // child's stdin from spawn is a socket, which /dev/stdin cannot be opened on).
    const launcher = join(REPO_ROOT, "scripts", "launch.mjs");
    const result = await runProcess(
      "sh",
      [
        "-c",
        `head -c ${64 * LIMIT} /dev/zero | "$0" "$1" spec-fetch --file /dev/stdin --max-bytes ${LIMIT}`,
        process.execPath,
        launcher,
      ],
      { cwd: folder },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`/dev/stdin passed the ${LIMIT}-byte limit while it was read (--max-bytes)`);
  });
});
