import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "./project-copy.js";

/**
 * The document the differ's tests compare against: the seed document as published, kept
 * in test/fixtures so that expectations derived from it (which changes a case reports,
 * and how many) do not move when upstream does.
 */
export const FIXTURE_SPEC_TEXT = readFileSync(join(REPO_ROOT, "test", "fixtures", "devin-v3-seed.yaml"), "utf8");

/** The vendored document, whatever upstream last published: for tests of "the same as vendored". */
export const VENDORED_SPEC_TEXT = readFileSync(join(REPO_ROOT, "spec", "v3-openapi.yaml"), "utf8");

// biome-ignore lint/suspicious/noExplicitAny: variants edit arbitrary corners of the document.
export type Doc = any;

/** The fixture document as a fresh object. */
export function devinSpec(): Doc {
  return parse(FIXTURE_SPEC_TEXT);
}

/** The vendored document as a fresh object. */
export function vendoredSpec(): Doc {
  return parse(VENDORED_SPEC_TEXT);
}

export const USAGE_PATH = "/v3/organizations/{org_id}/metrics/usage";
export const USAGE_OPERATION = `GET ${USAGE_PATH}`;

/** The fixture document with one edit applied. */
export function variant(edit: (doc: Doc) => void): Doc {
  const doc = devinSpec();
  edit(doc);
  return doc;
}

/** The vendored document with one edit applied: a change relative to what a project copy holds. */
export function vendoredVariant(edit: (doc: Doc) => void): Doc {
  const doc = vendoredSpec();
  edit(doc);
  return doc;
}

/** The same value with object keys in reverse order at every level. */
export function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, item]) => [key, reverseKeys(item)]),
    );
  }
  return value;
}
