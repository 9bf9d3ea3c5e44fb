import { relative } from "node:path";
import { readVendoredText } from "../fetch/lock.js";
import { readBanner } from "../generate/banner.js";
import { generatorFingerprint } from "../generate/fingerprint.js";
import type { ProjectPaths } from "../util/project-paths.js";
import { readIfExists } from "../util/read-text.js";
import { unifiedDiff } from "./unified-diff.js";

export interface CheckOutcome {
  /** True when the lock, the spec and every generated file agree. */
  current: boolean;
  /** One line per disagreement found, each saying what to run. */
  problems: string[];
  /** A short unified diff per stale generated file (empty when current). */
  diffs: string[];
  /** How the answer was reached: from the banners alone, or by regenerating. */
  method: "banners" | "regenerated";
}

export interface CheckOptions {
  /** Regenerate and compare even when every banner says the files are current. */
  full?: boolean;
}

const FIX_GENERATED = "run `npm run generate` and commit generated/";

/**
 * Whether `generated/` is what the vendored spec generates, and the spec what its lock
 * records. Reading a spec that is missing or invalid throws a `PipelineError`.
 *
 * The fast path reads only the banners: when each file's recorded spec hash and generator
 * fingerprint match the current ones, and its content hash matches its text, regenerating
 * would give the same bytes, so the generator is not even loaded. Any mismatch, or
 * `full`, falls through to a real regeneration and a byte comparison with a diff.
 */
export async function checkGenerated(paths: ProjectPaths, options: CheckOptions = {}): Promise<CheckOutcome> {
  // The pair first: a write to spec/ that was cut short is finished or undone before anything is compared.
  const { sha256: specSha256, lock } = await readVendoredText(paths);
  const problems: string[] = [];
  const lockName = relative(paths.root, paths.lockFile);
  if (lock === undefined) {
    problems.push(
      `${lockName} is missing; run \`npm run spec:fetch -- --file spec/v3-openapi.yaml\` to record the spec's hash`,
    );
  } else if (lock.sha256 !== specSha256) {
    problems.push(
      `spec/v3-openapi.yaml (sha256 ${specSha256.slice(0, 12)}…) is not the document ${lockName} records ` +
        `(${lock.sha256.slice(0, 12)}…); the spec was edited by hand: restore it (\`git checkout spec/\`) or re-vendor it with \`npm run spec:fetch\``,
    );
  }

  if (!options.full) {
    const fingerprint = generatorFingerprint();
    const texts = await Promise.all([paths.typesFile, paths.schemasFile].map((file) => readIfExists(file)));
    const allCurrent = texts.every((text) => {
      const banner = text === undefined ? undefined : readBanner(text);
      return banner?.intact === true && banner.specSha256 === specSha256 && banner.generator === fingerprint;
    });
    if (allCurrent) return { current: problems.length === 0, problems, diffs: [], method: "banners" };
  }

  // Loaded only when needed: the generator is most of this command's start-up time.
  const { generate } = await import("../generate/generation.js");
  const generation = await generate(paths);
  const diffs: string[] = [];
  for (const file of generation.files) {
    const name = relative(paths.root, file.path);
    const existing = await readIfExists(file.path);
    if (existing === undefined) {
      problems.push(`${name} is missing; ${FIX_GENERATED}`);
    } else if (existing !== file.content) {
      problems.push(`${name} is not what spec/v3-openapi.yaml generates; ${FIX_GENERATED}`);
      diffs.push(unifiedDiff(existing, file.content, { before: `${name} (committed)`, after: `${name} (generated)` }));
    }
  }
  return { current: problems.length === 0, problems, diffs, method: "regenerated" };
}
