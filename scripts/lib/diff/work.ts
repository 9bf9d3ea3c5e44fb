import { PipelineError } from "../util/pipeline-error.js";

/**
 * The differ's cost contract: its work grows with the size of the two documents, never
 * with the number of paths through them. Every loop that could grow faster (views built,
 * `allOf` parts merged, schema pairs compared, places of a change visited, report lines
 * written) counts its steps here. A pair of documents that would still take more than a
 * generous multiple of its size, or longer than the time limit, stops the comparison with
 * one line (exit 2) instead of hanging or running out of memory.
 */
export interface WorkLimits {
  /**
   * Steps allowed per value of the two documents (objects, arrays and scalars, counted
   * once each). Real APIs' descriptions take 1 to 3 (GitHub's, Stripe's, OpenAI's, Discord's),
   * the adversarial shapes of the tests at most 6.
   * @default 50
   */
  stepsPerValue?: number;
  /**
   * Steps allowed whatever the documents' size, so that small documents are never cut short.
   * @default 1_000_000
   */
  minimumSteps?: number;
  /**
   * Wall-clock time allowed for one comparison, in milliseconds.
   * @default 120_000
   */
  timeLimitMs?: number;
}

/** Values counted at the most: past this the budget is already larger than any comparison needs. */
const MAX_COUNTED = 100_000_000;

/**
 * How many values a document holds: every object, array and scalar. An object a YAML alias
 * repeats is counted where it repeats (the parser bounds how often), and nothing is kept
 * but the stack, so counting costs no memory to speak of.
 */
export function valueCount(document: unknown): number {
  let count = 0;
  const pending: unknown[] = [document];
  while (pending.length > 0 && count < MAX_COUNTED) {
    const value = pending.pop();
    count++;
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) for (const item of value) pending.push(item);
    else for (const key in value) if (Object.hasOwn(value, key)) pending.push((value as Record<string, unknown>)[key]);
  }
  return count;
}

/** Steps between two looks at the clock. */
const CLOCK_EVERY = 1 << 14;

/** Counts the differ's steps against the budget of one comparison. */
export class WorkCounter {
  /** Steps taken so far: tests compare this with the documents' size. */
  steps = 0;
  readonly limit: number;
  readonly documentValues: number;
  private readonly deadline: number;
  private nextClock = CLOCK_EVERY;

  constructor(documents: readonly unknown[], limits: WorkLimits = {}) {
    this.documentValues = documents.reduce<number>((sum, document) => sum + valueCount(document), 0);
    this.limit = Math.max(limits.minimumSteps ?? 1_000_000, (limits.stepsPerValue ?? 50) * this.documentValues);
    this.deadline = performance.now() + (limits.timeLimitMs ?? 120_000);
  }

  /** Takes `count` steps; throws when the budget is spent. */
  take(count = 1): void {
    this.steps += count;
    if (this.steps > this.limit) this.stop(`more than ${this.limit} steps (${this.documentValues} values compared)`);
    if (this.steps >= this.nextClock) {
      this.nextClock = this.steps + CLOCK_EVERY;
      if (performance.now() > this.deadline) this.stop("longer than its time limit");
    }
  }

  private stop(why: string): never {
    throw new PipelineError(
      "spec-unsafe",
      `comparing these documents would take ${why}: their shape makes the work grow faster than their size; nothing was reported`,
    );
  }
}
