import { code, displayText } from "../../../src/untrusted-text.js";
import { firstDifference } from "./canonical-json.js";
import { type Change, change } from "./change.js";
import type { OperationModel, ParameterModel } from "./model.js";

/**
 * Deprecation, sunset and stability: oasdiff's lifecycle rules. A deprecated operation or
 * parameter may announce when it goes (`x-sunset`, a date); removing it before then, or
 * dropping or garbling the date, breaks the promise. `x-stability-level` (draft < alpha <
 * beta < stable) may only go up.
 */

/** `x-stability-level` values, least stable first; none means stable. */
const STABILITY = ["draft", "alpha", "beta", "stable"];

/** The stability's rank, or undefined when the value is not one of the four. */
function stabilityRank(value: unknown): number | undefined {
  if (value === undefined) return STABILITY.length - 1;
  const rank = typeof value === "string" ? STABILITY.indexOf(value) : -1;
  return rank < 0 ? undefined : rank;
}

/** `x-sunset` as a day (`2026-12-31` or an RFC 3339 time), or undefined when it is neither. */
export function sunsetDay(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const dateTime = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.exec(value);
  const parts = dateOnly ?? dateTime;
  if (!parts) return undefined;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  if (dateTime && Number.isNaN(Date.parse(value))) return undefined;
  return Math.floor(time / 86_400_000);
}

/** Whether there is an `x-sunset`, and whether it is a date. */
export function sunsetState(value: unknown): "none" | "date" | "invalid" {
  if (value === undefined) return "none";
  return sunsetDay(value) === undefined ? "invalid" : "date";
}

/** Today, as a day number like `sunsetDay`'s. */
export function today(now = Date.now()): number {
  return Math.floor(now / 86_400_000);
}

/** What removing something deprecated means, given its `x-sunset`: which of the three rules. */
export function removalBySunset(
  deprecated: boolean,
  sunset: unknown,
  day: number,
): "without-deprecation" | "with-deprecation" | "before-sunset" | "sunset-parse" {
  if (!deprecated) return "without-deprecation";
  if (sunset === undefined) return "with-deprecation";
  const date = sunsetDay(sunset);
  if (date === undefined) return "sunset-parse";
  return date > day ? "before-sunset" : "with-deprecation";
}

/**
 * Whether changes to an operation of this stability are reported: like oasdiff by default,
 * not below `beta` (a draft or alpha operation promises nothing yet). An unreadable level
 * counts as in scope (and is reported as such).
 */
export function inStabilityScope(stability: unknown): boolean {
  const rank = stabilityRank(stability);
  return rank === undefined || rank >= STABILITY.indexOf("beta");
}

/** What is deprecated, and when it may go. */
interface Deprecatable {
  deprecated: boolean;
  sunset: unknown;
}

/** How deprecation changed between two versions of an operation or a parameter. */
type DeprecationEvent = "deprecated" | "reactivated" | "sunset-deleted" | "sunset-garbled";

function deprecationEvent(base: Deprecatable, revision: Deprecatable): DeprecationEvent | undefined {
  if (!base.deprecated && revision.deprecated) return "deprecated";
  if (base.deprecated && !revision.deprecated) return "reactivated";
  if (!revision.deprecated) return undefined;
  if (base.sunset !== undefined && revision.sunset === undefined) return "sunset-deleted";
  if (firstDifference(base.sunset, revision.sunset) === undefined) return undefined;
  // A changed sunset is only news when one of the two is not a date.
  return [revision.sunset, base.sunset].some((value) => sunsetDay(value) === undefined) ? "sunset-garbled" : undefined;
}

/** The rule of each event, for operations (a newly deprecated one is named by its sunset) and parameters. */
const OPERATION_DEPRECATION = {
  reactivated: "endpoint-reactivated",
  "sunset-deleted": "sunset-deleted",
  "sunset-garbled": "api-path-sunset-parse",
} as const;
const PARAMETER_DEPRECATION = {
  deprecated: "request-parameter-deprecated",
  reactivated: "request-parameter-reactivated",
  "sunset-deleted": "request-parameter-sunset-deleted",
  "sunset-garbled": "request-parameter-sunset-parse",
} as const;

/** How an event reads in a message. */
function describeEvent(event: DeprecationEvent, sunsets: [unknown, unknown]): string {
  if (event === "sunset-garbled") {
    const garbled = sunsets.find((value) => sunsetDay(value) === undefined);
    return `x-sunset is not a date: ${code(String(garbled))}`;
  }
  return { deprecated: "deprecated", reactivated: "no longer deprecated", "sunset-deleted": "x-sunset removed" }[event];
}

/** Deprecation and sunset changes of an operation both versions have. */
export function compareOperationDeprecation(base: OperationModel, revision: OperationModel, changes: Change[]): void {
  const event = deprecationEvent(base, revision);
  if (event === undefined) return;
  const at = `${revision.pointer}/deprecated`;
  if (event !== "deprecated") {
    const detail = describeEvent(event, [revision.sunset, base.sunset]);
    changes.push(change(OPERATION_DEPRECATION[event], revision.key, at, `operation: ${detail}`));
    return;
  }
  const sunset = revision.sunset;
  if (sunset === undefined) {
    changes.push(change("endpoint-deprecated", revision.key, at, "operation deprecated"));
  } else if (sunsetDay(sunset) === undefined) {
    changes.push(
      change(
        "api-deprecated-sunset-parse",
        revision.key,
        `${revision.pointer}/x-sunset`,
        `operation deprecated with an x-sunset that is not a date: ${code(String(sunset))}`,
      ),
    );
  } else {
    const detail = `operation deprecated, to go after ${displayText(String(sunset))}`;
    changes.push(change("endpoint-deprecated-with-sunset", revision.key, at, detail));
  }
}

/** `x-stability-level` of an operation that changed: unreadable, or lower or higher. */
export function compareOperationStability(base: OperationModel, revision: OperationModel, changes: Change[]): void {
  const operation = revision.key;
  if (firstDifference(base.source, revision.source) === undefined) return;
  const [before, after] = [stabilityRank(base.stability), stabilityRank(revision.stability)];
  for (const [value, rank] of [
    [base.stability, before],
    [revision.stability, after],
  ] as const) {
    if (rank === undefined) {
      changes.push(
        change(
          "api-invalid-stability-level",
          operation,
          `${revision.pointer}/x-stability-level`,
          `x-stability-level ${code(JSON.stringify(value) ?? "")} is not one of ${STABILITY.join(", ")}`,
        ),
      );
    }
  }
  if (before !== undefined && after !== undefined && before !== after) {
    const id = after < before ? "api-stability-decreased" : "api-stability-increased";
    const shown = (rank: number) => STABILITY[rank] as string;
    changes.push(
      change(id, operation, `${revision.pointer}/x-stability-level`, `stability ${shown(before)} → ${shown(after)}`),
    );
  }
}

/** The change for a parameter the revision no longer has, by its deprecation and `x-sunset`. */
export function parameterRemoval(parameter: ParameterModel, operation: string, label: string, day: number): Change {
  const rule = {
    "without-deprecation": "request-parameter-removed",
    "with-deprecation": "request-parameter-removed-with-deprecation",
    "before-sunset": "request-parameter-removed-before-sunset",
    "sunset-parse": "request-parameter-sunset-parse",
  }[removalBySunset(parameter.deprecated, parameter.sunset, day)];
  return change(rule, operation, parameter.pointer, `${label} removed`);
}

/** Deprecation and sunset changes of a parameter both versions have. */
export function compareParameterLifecycle(
  base: ParameterModel,
  revision: ParameterModel,
  operation: string,
  label: string,
  changes: Change[],
): void {
  const event = deprecationEvent(base, revision);
  if (event === undefined) return;
  const detail = describeEvent(event, [revision.sunset, base.sunset]);
  changes.push(change(PARAMETER_DEPRECATION[event], operation, revision.pointer, `${label}: ${detail}`));
}
