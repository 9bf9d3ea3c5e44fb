import { LEVEL_ORDER, type Level, RULES, type RuleId } from "./rules.js";

/** One reported change. `operation` is `METHOD /path` (null for document-level changes). */
export interface Change {
  id: RuleId;
  level: Level;
  operation: string | null;
  /** JSON pointer (RFC 6901) into the revision, or into the base for something removed. */
  location: string;
  message: string;
  /** For schema changes: the operations whose requests or responses use the schema. */
  usedBy?: string[];
}

export function change(id: RuleId, operation: string | null, location: string, message: string): Change {
  const rule = RULES[id];
  // Every id the differ produces is in the registry; one that is not is a bug here, not drift.
  if (rule === undefined) throw new Error(`Unregistered rule id ${id}`);
  return { id, level: rule.level, operation, location, message };
}

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

/** How many changes there are of each level: the head of a report's summary. */
export function levelCounts(changes: readonly Change[]): Record<Level, number> {
  const counts = Object.fromEntries(LEVEL_ORDER.map((level) => [level, 0])) as Record<Level, number>;
  for (const found of changes) counts[found.level]++;
  return counts;
}
