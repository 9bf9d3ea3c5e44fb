import { pointer } from "../../../src/json-pointer.js";
import { code } from "../../../src/untrusted-text.js";
import type { OpenApiDocument } from "../document/model.js";
import { firstDifference, withoutSetOrder } from "./canonical-json.js";
import { type Change, change, type DiffReport, levelCounts } from "./change.js";
import { compareSchemasSection } from "./compare-components.js";
import { inStabilityScope, removalBySunset, today } from "./compare-lifecycle.js";
import { compareOperation } from "./compare-operation.js";
import { createSchemaComparer } from "./compare-schemas.js";
import { compareSecurity, compareSecuritySchemes } from "./compare-security.js";
import { buildApiModel } from "./model.js";
import { LEVEL_ORDER } from "./rules.js";
import type { PositionedChange } from "./schema-places.js";
import { WorkCounter, type WorkLimits } from "./work.js";

/** The changes found inside schemas put among the others, where each was first seen. */
function mergeInOrder(changes: readonly Change[], inside: PositionedChange[]): Change[] {
  inside.sort((a, b) => a.position - b.position || a.order - b.order);
  const merged: Change[] = [];
  let next = 0;
  changes.forEach((found, index) => {
    for (; next < inside.length && (inside[next] as PositionedChange).position <= index; next++)
      merged.push((inside[next] as PositionedChange).change);
    merged.push(found);
  });
  for (; next < inside.length; next++) merged.push((inside[next] as PositionedChange).change);
  return merged;
}

/** A removed operation whose path is gone, by what its deprecation and `x-sunset` promised. */
const PATH_REMOVAL = {
  "without-deprecation": "api-path-removed-without-deprecation",
  "with-deprecation": "api-path-removed-with-deprecation",
  "before-sunset": "api-path-removed-before-sunset",
  "sunset-parse": "api-path-sunset-parse",
} as const;

/** A removed operation whose path remains. */
const OPERATION_REMOVAL = {
  "without-deprecation": "api-removed-without-deprecation",
  "with-deprecation": "api-removed-with-deprecation",
  "before-sunset": "api-removed-before-sunset",
  "sunset-parse": "api-path-sunset-parse",
} as const;

export interface DiffOptions extends WorkLimits {
  /**
   * The time deprecations and sunsets are judged at, in milliseconds since the epoch.
   * @default Date.now()
   */
  now?: number;
  /** Counts the comparison's steps (tests read `steps`); one is made from the limits when not given. */
  work?: WorkCounter;
}

/**
 * The semantic difference between two OpenAPI documents: what a client of `base` would
 * notice against a server of `revision`, by operation, with `$ref`s resolved. A change
 * inside a schema is reported once: as the place that sees it would say it when one
 * place does, or at the schema, with the places counted, when several do.
 */
export function diffDocuments(
  baseDocument: OpenApiDocument,
  revisionDocument: OpenApiDocument,
  options: DiffOptions = {},
): DiffReport {
  const day = today(options.now ?? Date.now());
  const work = options.work ?? new WorkCounter([baseDocument, revisionDocument], options);
  const base = buildApiModel(baseDocument);
  const revision = buildApiModel(revisionDocument);
  const comparer = createSchemaComparer(baseDocument, revisionDocument, work);
  const changes: Change[] = [];
  const changedOperations = new Set<string>();
  let operationsAdded = 0;
  let operationsRemoved = 0;

  for (const [key, operation] of base.operations) {
    if (revision.operations.has(key)) continue;
    operationsRemoved++;
    if (!inStabilityScope(operation.stability)) continue;
    const pathGone = !revision.paths.has(key.slice(key.indexOf(" ") + 1));
    const id = (pathGone ? PATH_REMOVAL : OPERATION_REMOVAL)[
      removalBySunset(operation.deprecated, operation.sunset, day)
    ];
    changes.push(change(id, operation.key, operation.pointer, pathGone ? "path removed" : "operation removed"));
  }
  for (const [key, operation] of revision.operations) {
    const old = base.operations.get(key);
    if (old === undefined) {
      operationsAdded++;
      changes.push(change("endpoint-added", operation.key, operation.pointer, "operation added"));
      continue;
    }
    const before = changes.length;
    compareOperation(comparer, old, operation, changes, day, key);
    if (changes.length > before) changedOperations.add(key);
  }
  for (const name of base.webhooks) {
    if (!revision.webhooks.has(name))
      changes.push(change("webhook-removed", null, pointer("webhooks", name), `webhook ${code(name)} removed`));
  }
  for (const name of revision.webhooks) {
    if (!base.webhooks.has(name))
      changes.push(change("webhook-added", null, pointer("webhooks", name), `webhook ${code(name)} added`));
  }
  for (const [key, operation] of revision.webhookOperations) {
    const old = base.webhookOperations.get(key);
    if (old !== undefined) compareOperation(comparer, old, operation, changes, day);
  }
  compareSecurity("global", baseDocument.security, revisionDocument.security, null, "/security", changes);
  compareSecuritySchemes(
    baseDocument.components?.securitySchemes,
    revisionDocument.components?.securitySchemes,
    changes,
  );
  const schemas = compareSchemasSection(base, revision, changes, work);
  const inside = comparer.finish();
  for (const key of inside.operations) changedOperations.add(key);
  const all = mergeInOrder(changes, inside.changes);

  if (all.length === 0) {
    // Reordering what is a set (parameters, branches, enum values) is not drift either.
    const where =
      firstDifference(baseDocument, revisionDocument) === undefined
        ? undefined
        : firstDifference(withoutSetOrder(baseDocument), withoutSetOrder(revisionDocument));
    if (where !== undefined) {
      all.push(
        change(
          "api-document-changed",
          null,
          where,
          "the document changed in a way no client sees (first difference shown)",
        ),
      );
    }
  }
  const ordered = LEVEL_ORDER.flatMap((level) => all.filter((found) => found.level === level));
  return {
    summary: {
      ...levelCounts(all),
      paths: {
        added: [...revision.paths.keys()].filter((path) => !base.paths.has(path)).length,
        removed: [...base.paths.keys()].filter((path) => !revision.paths.has(path)).length,
      },
      operations: { added: operationsAdded, removed: operationsRemoved, changed: changedOperations.size },
      schemas,
    },
    changes: ordered,
  };
}
