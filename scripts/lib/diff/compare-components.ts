import { pointerToken } from "../../../src/json-pointer.js";
import { code } from "../../../src/untrusted-text.js";
import { firstDifference } from "./canonical-json.js";
import type { DiffSummary } from "./change.js";
import { type Change, change } from "./change.js";
import { type ApiModel, schemaUsers } from "./model.js";

/**
 * Component schemas added and removed (each with the operations that use it) and the
 * count of those changed; what a changed schema does to clients is reported per operation.
 */
export function compareSchemasSection(base: ApiModel, revision: ApiModel, changes: Change[]): DiffSummary["schemas"] {
  const summary = { added: 0, removed: 0, changed: 0 };
  const baseUsers = schemaUsers(base);
  const revisionUsers = schemaUsers(revision);
  /** The change for a schema only one side has, with the operations of that side that use it. */
  const schemaChange = (
    id: "api-schema-added" | "api-schema-removed",
    name: string,
    users: Map<string, Set<string>>,
  ) => {
    const usedBy = [...(users.get(name) ?? [])];
    const used = usedBy.length === 0 ? "used by no operation" : `used by ${usedBy.map(code).join(", ")}`;
    const verb = id === "api-schema-added" ? "added" : "removed";
    return {
      ...change(id, null, `/components/schemas/${pointerToken(name)}`, `schema ${code(name)} ${verb} (${used})`),
      usedBy,
    };
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
