import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "./project-copy.js";

/** The vendored Devin document, as text and as a fresh object for each variant. */
export const DEVIN_SPEC_TEXT = readFileSync(join(REPO_ROOT, "spec", "v3-openapi.yaml"), "utf8");

// biome-ignore lint/suspicious/noExplicitAny: variants edit arbitrary corners of the document.
export type Doc = any;

export function devinSpec(): Doc {
  return parse(DEVIN_SPEC_TEXT);
}

export const USAGE_PATH = "/v3/organizations/{org_id}/metrics/usage";
export const USAGE_OPERATION = `GET ${USAGE_PATH}`;

/** The Devin document with one edit applied. */
export function variant(edit: (doc: Doc) => void): Doc {
  const doc = devinSpec();
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
