import type { DiffReport } from "../diff/change.js";
import { RULES, type RuleSpec } from "../diff/rules.js";

/** Which part of a semantic version a release moves. */
export type Bump = "major" | "minor" | "patch";

/**
 * The bump a drift asks for (Semantic Versioning 2.0.0 §6–8): anything breaking is
 * major; anything added (an operation, a field, an enum value: `adds` in the rule
 * registry) is minor; any other change is a patch. `undefined` when nothing changed.
 */
export function bumpFor(report: DiffReport): Bump | undefined {
  if (report.changes.length === 0) return undefined;
  if (report.summary.breaking > 0) return "major";
  const adds = report.changes.some((change) => (RULES[change.id] as RuleSpec).adds === true);
  return adds ? "minor" : "patch";
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * The version after `current` for a bump. Below 1.0.0 each bump moves one place to the
 * right (breaking → minor, anything else → patch), as npm's caret ranges read a 0.x
 * version: `^0.2.0` accepts 0.2.5 but not 0.3.0, so a consumer on a caret range gets
 * the additions and none of the breaks.
 */
export function nextVersion(current: string, bump: Bump): string {
  const match = SEMVER.exec(current);
  if (!match) throw new Error(`"${current}" is not a MAJOR.MINOR.PATCH version`);
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  const effective: Bump = major > 0 ? bump : bump === "major" ? "minor" : "patch";
  if (effective === "major") return `${major + 1}.0.0`;
  if (effective === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/**
 * The part of the version number that moved from `previous` to `next`: what a release's
 * title names. Below 1.0.0 it is one place right of the bump the drift asked for.
 */
export function movedPart(previous: string, next: string): Bump {
  const [a, b] = [previous, next].map((version) => version.split(".").map(Number)) as [number[], number[]];
  if (a[0] !== b[0]) return "major";
  if (a[1] !== b[1]) return "minor";
  return "patch";
}
