import { code, markdownInline } from "../../../src/untrusted-text.js";
import type { Change, DiffReport } from "../diff/change.js";
import { RULES, type RuleSpec } from "../diff/rules.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { readIfExists, readTextFile } from "../util/read-text.js";
import type { Bump } from "./version.js";

/** Entries listed per kind in a changelog entry; the rest are counted. */
const LISTED = 25;

interface PackageManifest {
  version?: string;
  packages?: Record<string, { version?: string }>;
  [key: string]: unknown;
}

/** JSON as npm writes it: two spaces, a final newline. */
const npmJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The version in package.json. */
export async function packageVersion(packageFile: string): Promise<string> {
  const manifest = JSON.parse(await readTextFile(packageFile, "package.json")) as PackageManifest;
  return String(manifest.version ?? "");
}

/**
 * Sets the version in package.json and in package-lock.json (its top level and its root
 * package), as `npm version --no-git-tag-version` does, changing nothing else.
 */
export async function writePackageVersion(
  files: { packageFile: string; packageLockFile: string },
  version: string,
): Promise<void> {
  const manifest = JSON.parse(await readTextFile(files.packageFile, "package.json")) as PackageManifest;
  manifest.version = version;
  await writeFileAtomic(files.packageFile, npmJson(manifest));
  const lockText = await readIfExists(files.packageLockFile);
  if (lockText === undefined) return;
  const lock = JSON.parse(lockText) as PackageManifest;
  lock.version = version;
  const root = lock.packages?.[""];
  if (root) root.version = version;
  await writeFileAtomic(files.packageLockFile, npmJson(lock));
}

const BUMP_REASON: Record<Bump, string> = {
  major: "major: a change breaks clients",
  minor: "minor: operations, fields or values were added",
  patch: "patch: nothing added, nothing broken",
};

function versionReason(bump: Bump, moved: Bump): string {
  if (moved === bump) return BUMP_REASON[bump];
  const meaning = BUMP_REASON[bump].slice(BUMP_REASON[bump].indexOf(": ") + 2);
  return `${moved}: ${meaning}; below 1.0.0 a ${bump} change moves the ${moved} number`;
}

function list(title: string, changes: readonly Change[]): string[] {
  if (changes.length === 0) return [];
  const lines = changes
    .slice(0, LISTED)
    .map(
      (change) =>
        `- ${change.operation ? `${code(change.operation)}: ` : ""}${markdownInline(change.message)} (\`${change.id}\`)`,
    );
  if (changes.length > LISTED) lines.push(`- … and ${changes.length - LISTED} more`);
  return [`${title}:`, "", ...lines, ""];
}

/** A CHANGELOG.md entry for a regeneration: the version, why that bump, what broke and what was added. */
export function changelogEntry(options: {
  version: string;
  previous: string;
  bump: Bump;
  /** The part of the version number that moved (below 1.0.0, one place right of `bump`); default `bump`. */
  moved?: Bump;
  report: DiffReport;
  date: Date;
}): string {
  const { summary, changes } = options.report;
  const day = options.date.toISOString().slice(0, 10);
  return [
    `## ${options.version} (${day})`,
    "",
    `Regenerated from the published spec, ${options.previous} → ${options.version} (${versionReason(options.bump, options.moved ?? options.bump)}): ${summary.breaking} breaking, ${summary.warning} warning, ${summary.info} other changes. The full report is \`spec/CHANGES.md\` at this version.`,
    "",
    ...list(
      "Breaking",
      changes.filter((change) => change.level === "breaking"),
    ),
    ...list(
      "Added",
      changes.filter((change) => change.level !== "breaking" && (RULES[change.id] as RuleSpec).adds === true),
    ),
  ].join("\n");
}

const CHANGELOG_HEAD = "# Changelog\n\n";

/**
 * Puts an entry at the top of CHANGELOG.md (after its title), creating the file if need
 * be. An entry for the same version already at the top is replaced, so a sync that is
 * finished after an interruption does not write it twice.
 */
export async function prependChangelog(file: string, entry: string): Promise<void> {
  const existing = (await readIfExists(file)) ?? CHANGELOG_HEAD;
  let body = existing.startsWith(CHANGELOG_HEAD) ? existing.slice(CHANGELOG_HEAD.length) : existing;
  const heading = entry.slice(0, entry.indexOf(" ("));
  if (body.startsWith(`${heading} (`)) {
    const next = body.indexOf("\n## ");
    body = next < 0 ? "" : body.slice(next + 1);
  }
  await writeFileAtomic(file, `${CHANGELOG_HEAD}${entry.trimEnd()}\n\n${body}`);
}
