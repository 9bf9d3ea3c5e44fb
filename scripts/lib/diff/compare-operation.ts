import { pointer } from "../../../src/json-pointer.js";
import { code, displayText } from "../../../src/untrusted-text.js";
import { isSuccessStatus } from "../document/model.js";
import { type Change, change } from "./change.js";
import {
  compareOperationDeprecation,
  compareOperationStability,
  compareParameterLifecycle,
  inStabilityScope,
  parameterRemoval,
  today,
} from "./compare-lifecycle.js";
import type { Direction, SchemaChange, SchemaComparer } from "./compare-schemas.js";
import { compareSecurity } from "./compare-security.js";
import type { ContentModel, OperationModel, ResponseModel } from "./model.js";

/**
 * oasdiff's "loosely typed" exception: in a media type that is not JSON (XML, form data),
 * an object read as text loses nothing. A request body or property that was an object and
 * is now a string, or a response one that was a string and is now an object, is compatible.
 */
function looselyTypedCompatible(found: SchemaChange, mediaType: string, direction: Direction): boolean {
  const name = splitMediaType(mediaType).name;
  if (name === "application/json" || name.endsWith("+json") || !found.id.endsWith("-type-changed") || !found.types)
    return false;
  const { from, to } = found.types;
  const [wide, narrow] = direction === "response" ? [to, from] : [from, to];
  return wide.join() === "object" && narrow.join() === "string";
}

/** `type/subtype` and its parameters (`; q=1`), lower case. */
function splitMediaType(mediaType: string): { name: string; parameters: string } {
  const [name = "", ...parameters] = mediaType.split(";").map((part) => part.trim());
  return { name, parameters: parameters.join(";") };
}

/**
 * Whether a response media type that became another is a rename, and which: the same name
 * with other parameters (`response-media-type-name-changed`); a more specific name, a
 * structured-syntax suffix of the old one (`application/json` → `application/problem+json`,
 * `…-specialized`: what clients parse still parses); or the reverse (`…-generalized`,
 * breaking). Unrelated types are a removal and an addition.
 */
function mediaTypeRename(from: string, to: string): string | undefined {
  const [before, after] = [splitMediaType(from), splitMediaType(to)];
  const contains = (general: string, specific: string) => {
    const [generalType, generalSubtype] = general.split("/");
    const [specificType, specificSubtype = ""] = specific.split("/");
    return generalType === specificType && specificSubtype.endsWith(`+${generalSubtype}`);
  };
  const related = before.name === after.name || contains(before.name, after.name) || contains(after.name, before.name);
  if (!related) return undefined;
  if (before.parameters !== after.parameters) return "response-media-type-name-changed";
  return contains(before.name, after.name)
    ? "response-media-type-name-specialized"
    : "response-media-type-name-generalized";
}

/** A media type that gains or loses its schema, by direction. */
const MEDIA_TYPE_SCHEMA = {
  request: { added: "request-body-media-type-schema-added", removed: "request-body-media-type-schema-removed" },
  response: { added: "response-body-media-type-schema-added", removed: "response-body-media-type-schema-removed" },
  parameter: { added: "request-body-media-type-schema-added", removed: "request-body-media-type-schema-removed" },
} as const;

/** Response headers removed, added, made optional, and what changed in their schemas. */
function compareHeaders(
  comparer: SchemaComparer,
  operation: string,
  base: ResponseModel,
  revision: ResponseModel,
  where: string,
  changes: Change[],
): void {
  for (const [name, header] of base.headers) {
    const label = `${where}: header ${code(name)}`;
    const now = revision.headers.get(name);
    if (now === undefined) {
      const id = header.required ? "required-response-header-removed" : "optional-response-header-removed";
      changes.push(change(id, operation, header.pointer, `${label} removed`));
      continue;
    }
    if (header.required && !now.required) {
      changes.push(change("response-header-became-optional", operation, now.pointer, `${label} became optional`));
    }
    if (header.schema !== undefined && now.schema !== undefined) {
      for (const found of comparer.compare(header.schema, now.schema, "response")) {
        // A header's schema is a value of its own: its root findings take the header's rules where oasdiff has them.
        const id = found.property === "" ? HEADER_RULES[found.id] : undefined;
        if (id !== undefined)
          changes.push(change(id, operation, `${now.pointer}/schema${found.pointer}`, `${label}: ${found.detail}`));
      }
    }
  }
  for (const [name, header] of revision.headers) {
    if (!base.headers.has(name))
      changes.push(change("response-header-added", operation, header.pointer, `${where}: header ${code(name)} added`));
  }
}

/** Root findings of a response header's schema → the header's rule. */
const HEADER_RULES: Record<string, string> = {
  "response-body-type-changed": "response-header-type-changed",
  "response-property-type-changed": "response-header-type-changed",
  "response-body-became-nullable": "response-header-became-nullable",
  "response-property-became-nullable": "response-header-became-nullable",
  "response-body-became-not-nullable": "response-header-became-not-nullable",
  "response-property-became-not-nullable": "response-header-became-not-nullable",
};

function compareContent(
  comparer: SchemaComparer,
  operation: string,
  base: ContentModel,
  revision: ContentModel,
  direction: Direction,
  where: string,
  changes: Change[],
): void {
  const removed = [...base.content.keys()].filter((mediaType) => !revision.content.has(mediaType));
  const added = [...revision.content.keys()].filter((mediaType) => !base.content.has(mediaType));
  // One response media type swapped for a related one is a rename (oasdiff's media type name change),
  // with the schemas under both names still compared.
  const renamed =
    direction === "response" && removed.length === 1 && added.length === 1
      ? mediaTypeRename(removed[0] as string, added[0] as string)
      : undefined;
  if (renamed !== undefined) {
    const [from, to] = [removed[0] as string, added[0] as string];
    const at = `${revision.pointer}${pointer("content", to)}`;
    changes.push(change(renamed, operation, at, `${where}: media type ${code(from)} became ${code(to)}`));
    const [baseSchema, revisionSchema] = [base.content.get(from), revision.content.get(to)];
    if (baseSchema !== undefined && revisionSchema !== undefined) {
      for (const found of comparer.compare(baseSchema, revisionSchema, direction)) {
        const subject = found.property === "" ? "body" : `property ${code(found.property)}`;
        changes.push(
          change(
            found.id,
            operation,
            `${at}/schema${found.pointer}`,
            `${where} (${displayText(to)}): ${subject} ${found.detail}`,
          ),
        );
      }
    }
  }
  for (const mediaType of renamed === undefined ? removed : []) {
    const id = direction === "response" ? "response-media-type-removed" : "request-body-media-type-removed";
    changes.push(
      change(
        id,
        operation,
        `${base.pointer}${pointer("content", mediaType)}`,
        `${where}: media type ${code(mediaType)} removed`,
      ),
    );
  }
  for (const [mediaType, revisionSchema] of revision.content) {
    const schemaPointer = `${revision.pointer}${pointer("content", mediaType)}`;
    if (!base.content.has(mediaType)) {
      if (renamed !== undefined) continue;
      const id = direction === "response" ? "response-media-type-added" : "request-body-media-type-added";
      changes.push(change(id, operation, schemaPointer, `${where}: media type ${code(mediaType)} added`));
      continue;
    }
    const baseSchema = base.content.get(mediaType);
    if (baseSchema === undefined && revisionSchema !== undefined) {
      const id = MEDIA_TYPE_SCHEMA[direction].added;
      changes.push(
        change(id, operation, `${schemaPointer}/schema`, `${where}: media type ${code(mediaType)} got a schema`),
      );
    }
    if (baseSchema !== undefined && revisionSchema === undefined) {
      const id = MEDIA_TYPE_SCHEMA[direction].removed;
      changes.push(change(id, operation, schemaPointer, `${where}: media type ${code(mediaType)} lost its schema`));
    }
    if (baseSchema === undefined || revisionSchema === undefined) continue;
    for (const found of comparer.compare(baseSchema, revisionSchema, direction)) {
      const subject = found.property === "" ? "body" : `property ${code(found.property)}`;
      changes.push(
        change(
          looselyTypedCompatible(found, mediaType, direction)
            ? found.id.replace(/-type-changed$/, "-type-compatible")
            : found.id,
          operation,
          `${schemaPointer}/schema${found.pointer}`,
          `${where} (${displayText(mediaType)}): ${subject} ${found.detail}`,
        ),
      );
    }
  }
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
): void {
  const operation = revision.key;
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
      for (const found of comparer.compare(old.schema, parameter.schema, "parameter")) {
        changes.push(
          change(found.id, operation, `${parameter.pointer}/schema${found.pointer}`, `${label}: ${found.detail}`),
        );
      }
    }
  }

  const [oldBody, newBody] = [base.requestBody, revision.requestBody];
  if (oldBody !== undefined && newBody === undefined) {
    changes.push(change("request-body-removed", operation, oldBody.pointer, "request body removed"));
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
    compareContent(comparer, operation, oldBody, newBody, "request", "request body", changes);
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
      const where = `response ${displayText(status)}`;
      compareContent(comparer, operation, old, response, "response", where, changes);
      compareHeaders(comparer, operation, old, response, where, changes);
    }
  }
}
