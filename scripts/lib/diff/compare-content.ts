import { pointer } from "../../../src/json-pointer.js";
import { code, displayText } from "../../../src/untrusted-text.js";
import { type Change, change } from "./change.js";
import type { SchemaComparer } from "./compare-schemas.js";
import type { ContentModel } from "./model.js";
import type { FlowDirection } from "./schema-rules.js";

/** JSON, or a structured syntax suffix of it (`application/problem+json`): the one strongly typed media type. */
function isJson(mediaType: string): boolean {
  const name = splitMediaType(mediaType).name;
  return name === "application/json" || name.endsWith("+json");
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

/** Media types of a body added or removed, or losing or gaining their schema, by direction. */
const MEDIA_TYPE_RULES = {
  request: {
    added: "request-body-media-type-added",
    removed: "request-body-media-type-removed",
    schemaAdded: "request-body-media-type-schema-added",
    schemaRemoved: "request-body-media-type-schema-removed",
  },
  response: {
    added: "response-media-type-added",
    removed: "response-media-type-removed",
    schemaAdded: "response-body-media-type-schema-added",
    schemaRemoved: "response-body-media-type-schema-removed",
  },
} as const;

/**
 * A request body's or a response's content: media types added, removed, renamed (responses)
 * or losing or gaining their schema, and the schemas of those both have compared in the
 * direction data flows.
 */
export function compareContent(
  comparer: SchemaComparer,
  { operation, counted }: { operation: string; counted: string | undefined },
  base: ContentModel,
  revision: ContentModel,
  direction: FlowDirection,
  where: string,
  changes: Change[],
): void {
  const rules = MEDIA_TYPE_RULES[direction];
  const compareSchemas = (baseSchema: unknown, revisionSchema: unknown, mediaType: string, at: string) => {
    const describe = (property: string, detail: string) =>
      `${where} (${displayText(mediaType)}): ${property === "" ? "body" : `property ${code(property)}`} ${detail}`;
    const place = { operation, counted, at: `${at}/schema`, describe, looselyTyped: !isJson(mediaType) };
    comparer.compare(baseSchema, revisionSchema, direction, place, changes.length);
  };
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
    if (baseSchema !== undefined && revisionSchema !== undefined) compareSchemas(baseSchema, revisionSchema, to, at);
  }
  for (const mediaType of renamed === undefined ? removed : []) {
    changes.push(
      change(
        rules.removed,
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
      changes.push(change(rules.added, operation, schemaPointer, `${where}: media type ${code(mediaType)} added`));
      continue;
    }
    const baseSchema = base.content.get(mediaType);
    if (baseSchema === undefined && revisionSchema !== undefined) {
      changes.push(
        change(
          rules.schemaAdded,
          operation,
          `${schemaPointer}/schema`,
          `${where}: media type ${code(mediaType)} got a schema`,
        ),
      );
    }
    if (baseSchema !== undefined && revisionSchema === undefined) {
      changes.push(
        change(
          rules.schemaRemoved,
          operation,
          schemaPointer,
          `${where}: media type ${code(mediaType)} lost its schema`,
        ),
      );
    }
    if (baseSchema !== undefined && revisionSchema !== undefined)
      compareSchemas(baseSchema, revisionSchema, mediaType, schemaPointer);
  }
}
