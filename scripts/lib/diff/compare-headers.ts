import { code } from "../../../src/untrusted-text.js";
import { type Change, change } from "./change.js";
import type { SchemaComparer } from "./compare-schemas.js";
import type { ResponseModel } from "./model.js";

/** Response headers removed, added, made optional, and what changed in their schemas. */
export function compareHeaders(
  comparer: SchemaComparer,
  { operation, counted }: { operation: string; counted: string | undefined },
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
      const describe = (_property: string, detail: string) => `${label}: ${detail}`;
      const place = { operation, counted, at: `${now.pointer}/schema`, describe };
      comparer.compare(header.schema, now.schema, "header", place, changes.length);
    }
  }
  for (const [name, header] of revision.headers) {
    if (!base.headers.has(name))
      changes.push(change("response-header-added", operation, header.pointer, `${where}: header ${code(name)} added`));
  }
}
