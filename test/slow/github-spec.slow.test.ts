import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { GITHUB_SPEC_VERSIONS, githubSpec } from "../../scripts/lib/bench/github-specs.js";
import { diffDocuments } from "../../scripts/lib/diff/diff-documents.js";
import { formatGithub } from "../../scripts/lib/diff/report/github.js";
import { formatMarkdown, PULL_REQUEST_BODY_LIMIT, STEP_SUMMARY_LIMIT } from "../../scripts/lib/diff/report/markdown.js";
import { formatSyncReport } from "../../scripts/lib/sync/report.js";
import { REPO_ROOT } from "../support/project-copy.js";

type Spec = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Counted here without the differ's code: plain set arithmetic over the raw JSON. */
function independentCounts(base: Spec, revision: Spec) {
  const normal = (path: string) => path.replace(/\{[^}]*\}/g, "{}");
  const paths = (spec: Spec) => new Set(Object.keys(spec.paths).map(normal));
  const operations = (spec: Spec) =>
    new Set(
      Object.entries(spec.paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((key) => METHODS.includes(key))
          .map((method) => `${method} ${normal(path)}`),
      ),
    );
  const schemas = (spec: Spec) => new Set(Object.keys(spec.components.schemas));
  const added = <T>(a: Set<T>, b: Set<T>) => [...b].filter((item) => !a.has(item)).length;
  return {
    paths: { added: added(paths(base), paths(revision)), removed: added(paths(revision), paths(base)) },
    operations: {
      added: added(operations(base), operations(revision)),
      removed: added(operations(revision), operations(base)),
    },
    schemas: { added: added(schemas(base), schemas(revision)), removed: added(schemas(revision), schemas(base)) },
  };
}

let base: Spec;
let revision: Spec;
beforeAll(async () => {
  const cache = join(REPO_ROOT, ".cache", "github");
  base = JSON.parse(await readFile(await githubSpec(cache, GITHUB_SPEC_VERSIONS.old), "utf8"));
  revision = JSON.parse(await readFile(await githubSpec(cache, GITHUB_SPEC_VERSIONS.new), "utf8"));
}, 300_000);

test("GitHub 22.0.0 → 23.0.2: added/removed counts match an independent count", () => {
  const report = diffDocuments(base as never, revision as never);
  const want = independentCounts(base, revision);
  expect(report.summary.paths).toEqual(want.paths);
  expect({ added: report.summary.operations.added, removed: report.summary.operations.removed }).toEqual(
    want.operations,
  );
  expect({ added: report.summary.schemas.added, removed: report.summary.schemas.removed }).toEqual(want.schemas);
  const count = (predicate: (id: string) => boolean) => report.changes.filter((found) => predicate(found.id)).length;
  expect(count((id) => id === "endpoint-added")).toBe(want.operations.added);
  expect(count((id) => id.startsWith("api-path-removed") || id.startsWith("api-removed"))).toBe(
    want.operations.removed,
  );
  expect(count((id) => id === "api-schema-added")).toBe(want.schemas.added);
  expect(count((id) => id === "api-schema-removed")).toBe(want.schemas.removed);
  expect(report.summary.breaking).toBeGreaterThan(0);
});

test("the reverse direction mirrors the counts", () => {
  const forward = diffDocuments(base as never, revision as never).summary;
  const backward = diffDocuments(revision as never, base as never).summary;
  expect(backward.operations.added).toBe(forward.operations.removed);
  expect(backward.schemas.removed).toBe(forward.schemas.added);
  expect(backward.paths).toEqual({ added: forward.paths.removed, removed: forward.paths.added });
});

test("GitHub 22.0.0 → 23.0.2: the pull-request body fits, breaking changes and verification first; ten annotations per level", () => {
  const report = diffDocuments(base as never, revision as never);
  const body = formatSyncReport(
    report,
    { typecheck: { ok: true, errors: [] }, tests: { ok: true, tail: "" } },
    { fullReport: "`spec/CHANGES.md` in this pull request" },
  );
  expect(Buffer.byteLength(body)).toBeLessThan(PULL_REQUEST_BODY_LIMIT);
  expect(body.indexOf("## Verification")).toBeLessThan(body.indexOf("### Breaking changes"));
  expect(body).toContain(`### Breaking changes (${report.summary.breaking})`);
  expect(
    body.split("\n").filter((line) => line.startsWith("| ") && line.includes("`api-") && line.endsWith("|")),
  ).not.toHaveLength(0);
  expect(body).toMatch(/… and \d+ more changes not shown here/);
  const summary = formatMarkdown(report, { maxBytes: STEP_SUMMARY_LIMIT });
  expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
  const annotations = formatGithub(report).trimEnd().split("\n");
  expect(annotations.length).toBeLessThanOrEqual(31);
  expect(annotations[0]).toMatch(/^::error /);
});
