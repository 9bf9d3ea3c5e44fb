import { code, displayText } from "../../../src/untrusted-text.js";
import { isSuccessStatus } from "../document/model.js";
import { type Change, change } from "./change.js";
import { compareContent } from "./compare-content.js";
import { compareHeaders } from "./compare-headers.js";
import {
  compareOperationDeprecation,
  compareOperationStability,
  compareParameterLifecycle,
  inStabilityScope,
  parameterRemoval,
  today,
} from "./compare-lifecycle.js";
import type { SchemaComparer } from "./compare-schemas.js";
import { compareSecurity } from "./compare-security.js";
import type { OperationModel, ParameterModel } from "./model.js";

/** A parameter the revision adds: in the path (always required), required, or optional. */
function newParameterRule(parameter: ParameterModel): string {
  if (parameter.in === "path") return "new-request-path-parameter";
  return parameter.required ? "new-required-request-parameter" : "new-optional-request-parameter";
}

/**
 * The changes between two versions of one operation: deprecation, parameters, request
 * body and responses, schemas compared in the direction data flows.
 */
export function compareOperation(
  comparer: SchemaComparer,
  base: OperationModel,
  revision: OperationModel,
  changes: Change[],
  day = today(),
  counted?: string,
): void {
  const operation = revision.key;
  const where = { operation, counted };
  compareOperationStability(base, revision, changes);
  if (!inStabilityScope(revision.stability)) return;
  compareOperationDeprecation(base, revision, changes);
  const securityAt = `${revision.pointer}/security`;
  compareSecurity("operation", base.source.security, revision.source.security, operation, securityAt, changes);

  for (const [key, parameter] of base.parameters) {
    if (!revision.parameters.has(key)) {
      const label = `${displayText(parameter.in)} parameter ${code(parameter.name)}`;
      changes.push(parameterRemoval(parameter, operation, label, day));
    }
  }
  for (const [key, parameter] of revision.parameters) {
    const label = `${displayText(parameter.in)} parameter ${code(parameter.name)}`;
    const old = base.parameters.get(key);
    if (old === undefined) {
      changes.push(
        change(
          newParameterRule(parameter),
          operation,
          parameter.pointer,
          `${label} added${parameter.required ? " (required)" : " (optional)"}`,
        ),
      );
      continue;
    }
    compareParameterLifecycle(old, parameter, operation, label, changes);
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
      const formExploded = parameter.in === "query" && parameter.style === "form" && parameter.explode;
      const describe = (_property: string, detail: string) => `${label}: ${detail}`;
      const place = { ...where, at: `${parameter.pointer}/schema`, describe, formExploded };
      comparer.compare(old.schema, parameter.schema, "parameter", place, changes.length);
    }
  }

  const [oldBody, newBody] = [base.requestBody, revision.requestBody];
  if (oldBody !== undefined && newBody === undefined) {
    // An optional body with no schema in any media type: no client was told to send anything.
    const schemaless = !oldBody.required && [...oldBody.content.values()].every((schema) => schema === undefined);
    const id = schemaless ? "request-body-without-schema-removed" : "request-body-removed";
    const detail = schemaless ? "optional request body with no schema removed" : "request body removed";
    changes.push(change(id, operation, oldBody.pointer, detail));
  } else if (oldBody === undefined && newBody !== undefined) {
    const id = newBody.required ? "request-body-added-required" : "request-body-added-optional";
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
    compareContent(comparer, where, oldBody, newBody, "request", "request body", changes);
  }

  for (const [status, response] of base.responses) {
    if (!revision.responses.has(status)) {
      const id = isSuccessStatus(status) ? "response-success-status-removed" : "response-non-success-status-removed";
      changes.push(change(id, operation, response.pointer, `response ${displayText(status)} removed`));
    }
  }
  for (const [status, response] of revision.responses) {
    const old = base.responses.get(status);
    if (old === undefined) {
      const id = isSuccessStatus(status) ? "response-success-status-added" : "response-non-success-status-added";
      changes.push(change(id, operation, response.pointer, `response ${displayText(status)} added`));
    } else {
      const label = `response ${displayText(status)}`;
      compareContent(comparer, where, old, response, "response", label, changes);
      compareHeaders(comparer, where, old, response, label, changes);
    }
  }
}
