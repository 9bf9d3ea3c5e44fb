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

/**
 * The semantic difference between two OpenAPI documents: what a client of `base` would
 * notice against a server of `revision`, by operation, with `$ref`s resolved, so a change
 * to a shared schema is reported for every operation that uses it.
 */
export function diffDocuments(
  baseDocument: OpenApiDocument,
  revisionDocument: OpenApiDocument,
  now = Date.now(),
): DiffReport {
  const day = today(now);
  const base = buildApiModel(baseDocument);
  const revision = buildApiModel(revisionDocument);
  const comparer = createSchemaComparer(baseDocument, revisionDocument);
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
    compareOperation(comparer, old, operation, changes, day);
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
  const schemas = compareSchemasSection(base, revision, changes);

  if (changes.length === 0) {
    // Reordering what is a set (parameters, branches, enum values) is not drift either.
    const where =
      firstDifference(baseDocument, revisionDocument) === undefined
        ? undefined
        : firstDifference(withoutSetOrder(baseDocument), withoutSetOrder(revisionDocument));
    if (where !== undefined) {
      changes.push(
        change(
          "api-document-changed",
          null,
          where,
          "the document changed in a way no client sees (first difference shown)",
        ),
      );
    }
  }
  const ordered = LEVEL_ORDER.flatMap((level) => changes.filter((found) => found.level === level));
  return {
    summary: {
      ...levelCounts(changes),
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
