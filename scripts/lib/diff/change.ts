import { LEVEL_ORDER, type Level, RULES, type RuleId } from "./rules.js";

/** One reported change. `operation` is `METHOD /path` (null for document-level changes). */
export interface Change {
  id: RuleId;
  level: Level;
  operation: string | null;
  /** JSON pointer (RFC 6901) into the revision, or into the base for something removed. */
  location: string;
  message: string;
  /**
   * For a component schema added or removed, and a change inside a schema reached from
   * several places: the operations that use the schema, the first `USERS_SHOWN` in
   * document order (all of them are counted in `usedByCount`).
   */
  usedBy?: string[];
  /** How many operations use the schema. */
  usedByCount?: number;
  /** For a change inside a schema reached from more than one place: where it is seen. */
  reach?: Reach;
}

/** One place a change inside a shared schema is seen: what a per-operation report would have said there. */
export interface Place {
  operation: string;
  /** JSON pointer through the operation (references followed), as for a change seen at one place. */
  location: string;
  message: string;
  id: RuleId;
  level: Level;
}

/**
 * Where a change inside a shared schema is seen. `places` counts the ways from an
 * operation to the change (through properties, items and branches; around a recursive
 * schema once); `rules` gives the rule and level at each kind of place, worst first (the
 * same change can break requests and be harmless in responses); `first` names the first
 * few places in document order.
 */
export interface Reach {
  places: number;
  operations: number;
  rules: { id: RuleId; level: Level; places: number }[];
  first: Place[];
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
