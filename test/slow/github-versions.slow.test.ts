import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { githubSpec } from "../../scripts/lib/bench/github-specs.js";
import type { DiffReport } from "../../scripts/lib/diff/change.js";
import { diffDocuments } from "../../scripts/lib/diff/diff-documents.js";
import { REPO_ROOT } from "../support/project-copy.js";

/**
 * Consecutive releases of GitHub's REST description (`@octokit/openapi`, fetched with
 * `npm pack`), judged as a client would: the drift the differ used to misjudge on these
 * very pairs, looked up by where it is, so the test follows the documents, not a count.
 */
const cache = join(REPO_ROOT, ".cache", "github");
const read = async (version: string) => JSON.parse(await readFile(await githubSpec(cache, version), "utf8"));
const about = (report: DiffReport, text: string) =>
  report.changes.filter((found) => `${found.location} ${found.message}`.includes(text));

describe("GitHub 22.0.0 → 23.0.0", () => {
  let report: DiffReport;
  beforeAll(async () => {
    report = diffDocuments(await read("22.0.0"), await read("23.0.0"));
  }, 300_000);

  test("budget_type, an enum rewritten as a oneOf of one-value enums: no branch added, nothing breaking", () => {
    const found = about(report, "budget_type");
    expect(found.filter((change) => change.level !== "info" || /-of-/.test(change.id))).toEqual([]);
    // What did change: a value a client may now send (PATCH's request enum gained one).
    expect(found.map((change) => change.id)).toEqual(["request-property-enum-value-added"]);
  });

  test("the issue labels body, one branch folded into the other: not breaking", () => {
    const labels = report.changes.filter(
      (found) => found.operation === "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
    );
    expect(labels.filter((found) => found.level === "breaking")).toEqual([]);
    expect(labels.map((found) => found.id)).toContain("request-body-one-of-folded");
  });

  test("projectsV2 items, closed to the properties it declares and given new optional ones: not breaking", () => {
    for (const operation of [
      "POST /orgs/{org}/projectsV2/{project_number}/items",
      "POST /users/{username}/projectsV2/{project_number}/items",
    ]) {
      const found = report.changes.filter((change) => change.operation === operation);
      expect(found.filter((change) => change.level === "breaking")).toEqual([]);
      expect(found.map((change) => change.id)).toContain("request-body-additional-properties-closed");
    }
  });

  test("logical_environment gaining minLength 1 in a request: breaking", () => {
    const found = about(report, "logical_environment").filter(
      (change) => change.id === "request-property-min-length-set",
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((change) => change.level === "breaking")).toBe(true);
  });

  test("no single change inside a schema makes more than a handful of breaking findings", () => {
    const byPlace = new Map<string, number>();
    const inSchemas = report.changes.filter(
      (change) => change.level === "breaking" && !/^api-(path-)?removed/.test(change.id),
    );
    for (const found of inSchemas) {
      const key = found.message.replace(/^.*?: /, "");
      byPlace.set(key, (byPlace.get(key) ?? 0) + 1);
    }
    expect(Math.max(...byPlace.values())).toBeLessThanOrEqual(5);
  });
});

test("GitHub 23.0.0 → 23.0.1: the optional GET body of examples only, removed, is info", async () => {
  const report = diffDocuments(await read("23.0.0"), await read("23.0.1"));
  const found = report.changes.filter((change) => change.operation === "GET /repos/{owner}/{repo}/contents/{path}");
  expect(found.map(({ id, level }) => ({ id, level }))).toEqual([
    { id: "request-body-without-schema-removed", level: "info" },
  ]);
  expect(report.summary.breaking).toBe(0);
}, 300_000);
