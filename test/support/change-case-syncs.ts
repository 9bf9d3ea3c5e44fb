import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { main } from "../../scripts/sync.js";
import { CHANGE_CASES, type ChangeCase } from "../fixtures/change-cases.js";
import { gitProjectCopy } from "./git-project.js";
import type { TestServer } from "./http-server.js";
import type { ProjectCopy } from "./project-copy.js";
import { runMain } from "./run-main.js";
import { startSpecServer } from "./spec-server.js";
import { vendoredVariant } from "./spec-variants.js";

const run = promisify(execFile);

/**
 * The breaking change cases whose change reaches what the wrapper or `devin-usage` uses:
 * the usage operation's path, its `time_after`/`time_before` parameters, its 200 JSON
 * response and the fields of `UsageMetrics`. The others break an operation or a parameter
 * nothing here uses.
 */
export const USED_BY_THE_WRAPPER = new Set([
  "path removed",
  "required query parameter added",
  "query parameter became required",
  "query parameter type changed",
  "success status removed",
  "response media type removed",
  "required response property removed",
  "response property became optional",
  "response property became nullable",
  "response property type changed",
]);

/** The breaking change cases, with whether each reaches what the wrapper or the command line uses. */
export const BREAKING_CASES = CHANGE_CASES.filter(([, change]) => change.want.level === "breaking");

/**
 * One git copy of the project and a server with each change case applied to the vendored
 * spec; `sync(name)` resets the copy and syncs it to that case, running the client's and
 * the command line's tests (those that can notice a break of what they use).
 */
export async function changeCaseSyncs(): Promise<{
  sync(name: string): Promise<{ code: number | null; stdout: string }>;
  close(): Promise<void>;
}> {
  const routes = Object.fromEntries(
    CHANGE_CASES.map(([name, change]: [string, ChangeCase]) => [
      `/${encodeURIComponent(name)}.yaml`,
      {
        body: stringify(
          vendoredVariant((doc) => {
            change.setup?.(doc);
            change.edit(doc);
          }),
        ),
      },
    ]),
  );
  const server: TestServer = await startSpecServer(routes);
  const project: ProjectCopy = await gitProjectCopy();
  return {
    async sync(name) {
      await run("git", ["checkout", "-q", "--", "."], { cwd: project.root });
      await run("git", ["clean", "-fdq", "spec", "generated", "CHANGELOG.md"], { cwd: project.root });
      return runMain(main, [
        "--root",
        project.root,
        "--url",
        `${server.url}/${encodeURIComponent(name)}.yaml`,
        "--test-command",
        // The packed package is tried in the whole-suite sync of every benign case at once (benign-changes).
        `${process.execPath} node_modules/vitest/vitest.mjs run test/src test/contract`,
      ]);
    },
    async close() {
      await server.close();
      await project.remove();
    },
  };
}
