import { pointerToken } from "../../../src/json-pointer.js";
import { code } from "../../../src/untrusted-text.js";
import { firstDifference } from "./canonical-json.js";
import type { DiffSummary } from "./change.js";
import { type Change, change } from "./change.js";
import { type ApiModel, type SchemaUsers, schemaUsers, USERS_SHOWN } from "./model.js";
import type { WorkCounter } from "./work.js";

/** `used by \`GET /a\`, \`GET /b\` and 3 more operations`: the first few named, the rest counted. */
export function usedByText(usedBy: readonly string[], count: number): string {
  if (count === 0) return "used by no operation";
  const more = count - usedBy.length;
  return `used by ${usedBy.map(code).join(", ")}${more > 0 ? ` and ${more} more operations` : ""}`;
}

/**
 * Component schemas added and removed (each with the operations that use it) and the
 * count of those changed; what a changed schema does to clients is reported per operation.
 */
export function compareSchemasSection(
  base: ApiModel,
  revision: ApiModel,
  changes: Change[],
  work: WorkCounter,
): DiffSummary["schemas"] {
  const summary = { added: 0, removed: 0, changed: 0 };
  const baseUsers = schemaUsers(base, work);
  const revisionUsers = schemaUsers(revision, work);
  /** The change for a schema only one side has, with the operations of that side that use it. */
  const schemaChange = (id: "api-schema-added" | "api-schema-removed", name: string, users: SchemaUsers) => {
    const usedBy = users.first(name, USERS_SHOWN);
    const usedByCount = users.count(name);
    const verb = id === "api-schema-added" ? "added" : "removed";
    const message = `schema ${code(name)} ${verb} (${usedByText(usedBy, usedByCount)})`;
    return { ...change(id, null, `/components/schemas/${pointerToken(name)}`, message), usedBy, usedByCount };
  };
  for (const name of base.schemas.keys()) {
    if (revision.schemas.has(name)) {
      if (firstDifference(base.schemas.get(name), revision.schemas.get(name)) !== undefined) summary.changed++;
      continue;
    }
    summary.removed++;
    changes.push(schemaChange("api-schema-removed", name, baseUsers));
  }
  for (const name of revision.schemas.keys()) {
    if (base.schemas.has(name)) continue;
    summary.added++;
    changes.push(schemaChange("api-schema-added", name, revisionUsers));
  }
  return summary;
}
