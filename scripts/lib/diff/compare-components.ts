import { type ApiModel, schemaUsers } from "./api-model.js";
import { firstDifference } from "./canonical-json.js";
import type { DiffSummary } from "./diff-documents.js";
import { pointerToken } from "./json-pointer.js";
import { type Change, change } from "./rules.js";

/**
 * Component schemas added and removed (each with the operations that use it) and the
 * count of those changed; what a changed schema does to clients is reported per operation.
 */
export function compareSchemasSection(base: ApiModel, revision: ApiModel, changes: Change[]): DiffSummary["schemas"] {
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
