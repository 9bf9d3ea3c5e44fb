import type { OpenApiDocument } from "../openapi-document.js";
import { type ApiModel, buildApiModel, type ContentModel, type OperationModel, schemaUsers } from "./api-model.js";
import { firstDifference } from "./canonical-json.js";
import { createSchemaComparer, type Direction, type SchemaComparer } from "./compare-schemas.js";
import { pointer, pointerToken } from "./json-pointer.js";
import { type Change, change, LEVEL_ORDER, type Level } from "./rules.js";

export interface DiffSummary {
  breaking: number;
  warning: number;
  info: number;
  paths: { added: number; removed: number };
  operations: { added: number; removed: number; changed: number };
  schemas: { added: number; removed: number; changed: number };
}

export interface DiffReport {
  summary: DiffSummary;
  /** Breaking first, then warnings, then info; within a level in document order. */
  changes: Change[];
}

const isSuccess = (status: string) => /^2(\d\d|XX)$/.test(status);

function compareContent(
  comparer: SchemaComparer,
  operation: string,
  base: ContentModel,
  revision: ContentModel,
  direction: Direction,
  where: string,
  changes: Change[],
): void {
  for (const mediaType of base.content.keys()) {
    if (!revision.content.has(mediaType)) {
      const id = direction === "response" ? "response-media-type-removed" : "request-body-media-type-removed";
      changes.push(
        change(
          id,
          operation,
          `${base.pointer}${pointer("content", mediaType)}`,
          `${where}: media type ${mediaType} removed`,
        ),
      );
    }
  }
  for (const [mediaType, revisionSchema] of revision.content) {
    const schemaPointer = `${revision.pointer}${pointer("content", mediaType)}`;
    if (!base.content.has(mediaType)) {
      const id = direction === "response" ? "response-media-type-added" : "request-body-media-type-added";
      changes.push(change(id, operation, schemaPointer, `${where}: media type ${mediaType} added`));
      continue;
    }
    const baseSchema = base.content.get(mediaType);
    if (baseSchema === undefined || revisionSchema === undefined) continue;
    for (const found of comparer.compare(baseSchema, revisionSchema, direction)) {
      const subject = found.property === "" ? "body" : `property \`${found.property}\``;
      changes.push(
        change(
          found.id,
          operation,
          `${schemaPointer}/schema${found.pointer}`,
          `${where} (${mediaType}): ${subject} ${found.detail}`,
        ),
      );
    }
  }
}

function compareOperation(
  comparer: SchemaComparer,
  base: OperationModel,
  revision: OperationModel,
  changes: Change[],
): void {
  const operation = revision.key;
  if (!base.deprecated && revision.deprecated) {
    changes.push(change("endpoint-deprecated", operation, `${revision.pointer}/deprecated`, "operation deprecated"));
  } else if (base.deprecated && !revision.deprecated) {
    changes.push(
      change("endpoint-reactivated", operation, `${revision.pointer}/deprecated`, "operation no longer deprecated"),
    );
  }

  for (const [key, parameter] of base.parameters) {
    if (!revision.parameters.has(key)) {
      changes.push(
        change(
          "request-parameter-removed",
          operation,
          parameter.pointer,
          `${parameter.in} parameter \`${parameter.name}\` removed`,
        ),
      );
    }
  }
  for (const [key, parameter] of revision.parameters) {
    const label = `${parameter.in} parameter \`${parameter.name}\``;
    const old = base.parameters.get(key);
    if (old === undefined) {
      const id =
        parameter.in === "path"
          ? "new-request-path-parameter"
          : parameter.required
            ? "new-required-request-parameter"
            : "new-optional-request-parameter";
      changes.push(
        change(id, operation, parameter.pointer, `${label} added${parameter.required ? " (required)" : " (optional)"}`),
      );
      continue;
    }
    if (!old.required && parameter.required) {
      changes.push(
        change(
          "request-parameter-became-required",
          operation,
          `${parameter.pointer}/required`,
          `${label} became required`,
        ),
      );
    } else if (old.required && !parameter.required) {
      changes.push(
        change(
          "request-parameter-became-optional",
          operation,
          `${parameter.pointer}/required`,
          `${label} became optional`,
        ),
      );
    }
    if (old.schema !== undefined && parameter.schema !== undefined) {
      for (const found of comparer.compare(old.schema, parameter.schema, "parameter")) {
        changes.push(
          change(found.id, operation, `${parameter.pointer}/schema${found.pointer}`, `${label}: ${found.detail}`),
        );
      }
    }
  }

  const [oldBody, newBody] = [base.requestBody, revision.requestBody];
  if (oldBody === undefined && newBody !== undefined) {
    const id = newBody.required ? "added-required-request-body" : "added-optional-request-body";
    changes.push(change(id, operation, newBody.pointer, `request body added${newBody.required ? " (required)" : ""}`));
  } else if (oldBody !== undefined && newBody !== undefined) {
    if (!oldBody.required && newBody.required) {
      changes.push(
        change(
          "request-body-became-required",
          operation,
          `${newBody.pointer}/required`,
          "request body became required",
        ),
      );
    } else if (oldBody.required && !newBody.required) {
      changes.push(
        change(
          "request-body-became-optional",
          operation,
          `${newBody.pointer}/required`,
          "request body became optional",
        ),
      );
    }
    compareContent(comparer, operation, oldBody, newBody, "request", "request body", changes);
  }

  for (const [status, response] of base.responses) {
    if (!revision.responses.has(status)) {
      const id = isSuccess(status) ? "response-success-status-removed" : "response-non-success-status-removed";
      changes.push(change(id, operation, response.pointer, `response ${status} removed`));
    }
  }
  for (const [status, response] of revision.responses) {
    const old = base.responses.get(status);
    if (old === undefined) {
      const id = isSuccess(status) ? "response-success-status-added" : "response-non-success-status-added";
      changes.push(change(id, operation, response.pointer, `response ${status} added`));
    } else {
      compareContent(comparer, operation, old, response, "response", `response ${status}`, changes);
    }
  }
}

function compareSchemasSection(base: ApiModel, revision: ApiModel, changes: Change[]): DiffSummary["schemas"] {
  const summary = { added: 0, removed: 0, changed: 0 };
  const baseUsers = schemaUsers(base);
  const revisionUsers = schemaUsers(revision);
  const usedBy = (users: Map<string, Set<string>>, name: string) => [...(users.get(name) ?? [])];
  const describeUsers = (names: string[]) =>
    names.length === 0 ? "used by no operation" : `used by ${names.join(", ")}`;
  for (const name of base.schemas.keys()) {
    if (revision.schemas.has(name)) {
      if (firstDifference(base.schemas.get(name), revision.schemas.get(name)) !== undefined) summary.changed++;
      continue;
    }
    summary.removed++;
    const users = usedBy(baseUsers, name);
    changes.push({
      ...change(
        "api-schema-removed",
        null,
        `/components/schemas/${pointerToken(name)}`,
        `schema \`${name}\` removed (${describeUsers(users)})`,
      ),
      usedBy: users,
    });
  }
  for (const name of revision.schemas.keys()) {
    if (base.schemas.has(name)) continue;
    summary.added++;
    const users = usedBy(revisionUsers, name);
    changes.push({
      ...change(
        "api-schema-added",
        null,
        `/components/schemas/${pointerToken(name)}`,
        `schema \`${name}\` added (${describeUsers(users)})`,
      ),
      usedBy: users,
    });
  }
  return summary;
}

/**
 * The semantic difference between two OpenAPI documents: what a client of `base` would
 * notice against a server of `revision`, by operation, with `$ref`s resolved, so a change
 * to a shared schema is reported for every operation that uses it.
 */
export function diffDocuments(baseDocument: OpenApiDocument, revisionDocument: OpenApiDocument): DiffReport {
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
    const pathGone = !revision.paths.has(key.slice(key.indexOf(" ") + 1));
    const id = pathGone
      ? operation.deprecated
        ? "api-path-removed-with-deprecation"
        : "api-path-removed-without-deprecation"
      : operation.deprecated
        ? "api-removed-with-deprecation"
        : "api-removed-without-deprecation";
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
    compareOperation(comparer, old, operation, changes);
    if (changes.length > before) changedOperations.add(key);
  }
  const schemas = compareSchemasSection(base, revision, changes);

  if (changes.length === 0) {
    const where = firstDifference(baseDocument, revisionDocument);
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
  const count = (level: Level) => changes.filter((found) => found.level === level).length;
  const ordered = LEVEL_ORDER.flatMap((level) => changes.filter((found) => found.level === level));
  return {
    summary: {
      breaking: count("breaking"),
      warning: count("warning"),
      info: count("info"),
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
