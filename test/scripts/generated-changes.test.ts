import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import type { Change } from "../../scripts/lib/diff/change.js";
import { diffDocuments } from "../../scripts/lib/diff/diff-documents.js";
import { parseOpenApiDocument } from "../../scripts/lib/document/parse-openapi.js";
import { USAGE_METRICS_PATH } from "../../src/usage-metrics.js";
import {
  ADDITIVE_KINDS,
  additiveEdits,
  allAdditiveEdits,
  applyAdditive,
  withAdditive,
} from "../support/additive-changes.js";
import { BREAKING_KINDS, breakingEdit, withBreaking } from "../support/breaking-changes.js";
import { REPO_ROOT } from "../support/project-copy.js";
import { type Doc, VENDORED_SPEC_TEXT } from "../support/spec-variants.js";

/**
 * The change generators against the differ, many cases a second: every generated additive
 * change to the vendored spec (and to the three operations published beyond it) passes
 * the document gate and is reported with no breaking change; every generated break of
 * what the wrapper uses is reported as breaking on the wrapped operation. The same
 * generators drive `sync` end to end in `test/slow/generated-changes.slow.test.ts`.
 * A failure prints fast-check's seed; `CHANGES_SEED=<seed>` replays it.
 */
const DOCUMENTS: [string, string][] = [
  ["the vendored spec", VENDORED_SPEC_TEXT],
  [
    "the three published operations",
    readFileSync(join(REPO_ROOT, "test", "fixtures", "devin-v3-three-ops.yaml"), "utf8"),
  ],
];
const seed = process.env.CHANGES_SEED === undefined ? undefined : Number(process.env.CHANGES_SEED);
const settings = { numRuns: 20, seed, endOnFailure: false };

/** What sync does with a fetched document: text in, the gate, a model out. */
const throughTheGate = (doc: Doc, origin: string) => parseOpenApiDocument(stringify(doc), origin);

const WRAPPED = `GET ${USAGE_METRICS_PATH}`;

/** A change on the wrapped operation: its own, or one inside a schema it shares with others. */
const touchesWrapped = (change: Change) =>
  change.operation === WRAPPED ||
  change.usedBy?.includes(WRAPPED) === true ||
  change.reach?.first.some((place) => place.operation === WRAPPED) === true;

describe.each(DOCUMENTS)("generated changes to %s", (_, text) => {
  const base = parse(text);
  // Upstream may deprecate the operation; its removal is then announced, not a break (lifecycle rules).
  const deprecated = base.paths?.[USAGE_METRICS_PATH]?.get?.deprecated === true;
  const baseModel = () => throughTheGate(base, "base");

  const kinds = ADDITIVE_KINDS.map((kind) => [kind, additiveEdits(base, kind)] as const);
  test.each(kinds.filter(([, arbitrary]) => arbitrary !== undefined).map(([kind]) => kind))(
    "additive, %s: through the gate, reported, nothing breaking",
    (kind) => {
      fc.assert(
        fc.property(additiveEdits(base, kind) as fc.Arbitrary<never>, (edits) => {
          const { doc, applied } = withAdditive(base, edits);
          fc.pre(applied.length > 0);
          const report = diffDocuments(baseModel(), throughTheGate(doc, "revision"));
          expect(report.changes.length).toBeGreaterThan(0);
          expect(report.changes.filter((change) => change.level === "breaking")).toEqual([]);
        }),
        settings,
      );
    },
  );

  test("additive, every kind at once: nothing breaking", () => {
    fc.assert(
      fc.property(allAdditiveEdits(base), (edits) => {
        const { doc } = withAdditive(base, edits);
        const report = diffDocuments(baseModel(), throughTheGate(doc, "revision"));
        expect(report.changes.filter((change) => change.level === "breaking")).toEqual([]);
      }),
      settings,
    );
  });

  // A sync runs this suite on a document these edits already changed: an edit counted as made
  // must change the document (a description set to the text it has is no change), and one
  // left out must leave it as it was. The edits twice over make the second pass meet its own.
  test("an edit is counted as made exactly when it changes the document, also on one it changed", () => {
    fc.assert(
      fc.property(allAdditiveEdits(base), (edits) => {
        const doc = structuredClone(base);
        for (const edit of [...edits, ...edits]) {
          const before = JSON.stringify(doc);
          const made = applyAdditive(doc, edit);
          expect({ edit, changed: JSON.stringify(doc) !== before }).toEqual({ edit, changed: made });
        }
      }),
      settings,
    );
  });

  test.each(BREAKING_KINDS.filter((kind) => breakingEdit(base, kind) !== undefined))(
    "breaking, %s: reported as breaking on the wrapped operation",
    (kind) => {
      fc.assert(
        fc.property(breakingEdit(base, kind) as fc.Arbitrary<never>, (edit) => {
          const report = diffDocuments(baseModel(), throughTheGate(withBreaking(base, edit), "revision"));
          const onWrapped = report.changes.filter(touchesWrapped);
          if (kind === "operation-removed" && deprecated) {
            // Removing what the document deprecated is oasdiff's lifecycle rule, rated by its sunset.
            expect(onWrapped.map((change) => change.id)).toContainEqual(expect.stringMatching(/^api-(path-)?removed-/));
          } else {
            expect(onWrapped.map((change) => change.level)).toContain("breaking");
          }
        }),
        { ...settings, numRuns: 5 },
      );
    },
  );
});

test("every kind has a place in one of the documents, so no kind goes untried", () => {
  const documents = DOCUMENTS.map(([, text]) => parse(text));
  for (const kind of ADDITIVE_KINDS) {
    expect(
      documents.some((doc) => additiveEdits(doc, kind) !== undefined),
      kind,
    ).toBe(true);
  }
  for (const kind of BREAKING_KINDS) {
    expect(
      documents.some((doc) => breakingEdit(doc, kind) !== undefined),
      kind,
    ).toBe(true);
  }
});
