import { pointer } from "../../../src/json-pointer.js";
import { code } from "../../../src/untrusted-text.js";
import { isRecord } from "../document/model.js";
import { type Change, change } from "./change.js";

/**
 * Security requirements and schemes: what a client must authenticate with. oasdiff reports
 * these at INFO (a scheme added or removed is a deployment matter the client's key
 * already reflects); so do we, so that drift in them is visible.
 */

/** A requirement list (`security: [{ a: [] }, { b: [read] }]`) by its schemes, with each scheme's scopes. */
function requirements(value: unknown): Map<string, Map<string, string[]>> {
  const found = new Map<string, Map<string, string[]>>();
  if (!Array.isArray(value)) return found;
  for (const requirement of value) {
    if (!isRecord(requirement)) continue;
    const schemes = new Map(
      Object.entries(requirement).map(([name, scopes]) => [name, Array.isArray(scopes) ? scopes.map(String) : []]),
    );
    found.set([...schemes.keys()].sort().join(" AND "), schemes);
  }
  return found;
}

const SECURITY_RULES = {
  global: {
    added: "api-global-security-added",
    removed: "api-global-security-removed",
    scopeAdded: "api-global-security-scope-added",
    scopeRemoved: "api-global-security-scope-removed",
  },
  operation: {
    added: "api-security-added",
    removed: "api-security-removed",
    scopeAdded: "api-security-scope-added",
    scopeRemoved: "api-security-scope-removed",
  },
} as const;

/**
 * Requirements added and removed (a requirement is its set of schemes; an empty one,
 * "no authentication", is not reported), and scopes added to or removed from one both have.
 */
export function compareSecurity(
  where: "global" | "operation",
  base: unknown,
  revision: unknown,
  operation: string | null,
  at: string,
  changes: Change[],
): void {
  const rules = SECURITY_RULES[where];
  const [before, after] = [requirements(base), requirements(revision)];
  for (const [key, schemes] of before) {
    const now = after.get(key);
    if (now === undefined) {
      if (key !== "") changes.push(change(rules.removed, operation, at, `security requirement ${code(key)} removed`));
      continue;
    }
    for (const [scheme, scopes] of schemes) {
      const newScopes = now.get(scheme) ?? [];
      for (const scope of scopes) {
        if (!newScopes.includes(scope))
          changes.push(change(rules.scopeRemoved, operation, at, `scope ${code(scope)} of ${code(scheme)} removed`));
      }
      for (const scope of newScopes) {
        if (!scopes.includes(scope))
          changes.push(change(rules.scopeAdded, operation, at, `scope ${code(scope)} of ${code(scheme)} added`));
      }
    }
  }
  for (const key of after.keys()) {
    if (!before.has(key) && key !== "")
      changes.push(change(rules.added, operation, at, `security requirement ${code(key)} added`));
  }
}

/** Security schemes (`components.securitySchemes`) added and removed, by own name (a scheme may be called `toString`). */
export function compareSecuritySchemes(base: unknown, revision: unknown, changes: Change[]): void {
  const [before, after] = [isRecord(base) ? base : {}, isRecord(revision) ? revision : {}];
  for (const name of Object.keys(before)) {
    if (!Object.hasOwn(after, name)) {
      const at = pointer("components", "securitySchemes", name);
      changes.push(change("api-security-component-removed", null, at, `security scheme ${code(name)} removed`));
    }
  }
  for (const name of Object.keys(after)) {
    if (!Object.hasOwn(before, name)) {
      const at = pointer("components", "securitySchemes", name);
      changes.push(change("api-security-component-added", null, at, `security scheme ${code(name)} added`));
    }
  }
}
