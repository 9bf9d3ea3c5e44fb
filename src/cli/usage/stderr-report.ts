import { ExitCode } from "../exit-codes.js";
import type { WindowOutcome } from "./collect.js";
import { quotedText } from "./escape-terminal.js";
import { type ReportWindow, windowName } from "./report.js";

interface Group {
  kind: "failed" | "not-fetched";
  message: string;
  windows: ReportWindow[];
  cause?: unknown;
}

/** `DEBUG=1`: the stack of what was thrown, and of each of its causes. */
function stacks(cause: unknown): string {
  let text = "";
  for (let shown = cause, depth = 0; shown instanceof Error && depth < 5; shown = shown.cause, depth++)
    text += `${shown.stack ?? shown.message}\n`;
  return text;
}

function windowsName(windows: readonly ReportWindow[]): string {
  const first = windows[0] as ReportWindow;
  if (windows.length === 1) return windowName(first);
  const last = windows.at(-1) as ReportWindow;
  return `${windows.length} windows from ${windowName(first)} to ${windowName(last)}`;
}

/**
 * The run's account on stderr: each window that failed or was not fetched is named, in
 * window order, with neighbours that failed alike named together on one line; then one
 * line that says what the output lacks. A run where nothing was written and every
 * window failed the same way (a rejected key) says so in that one line.
 */
export class StderrReport {
  private readonly groups: Group[] = [];
  private held = true;
  /** The last group can still grow: no window was answered since it began. */
  private open = false;
  private readonly options: { single: boolean; write: (text: string) => void; debug?: boolean };

  constructor(options: { single: boolean; write: (text: string) => void; debug?: boolean }) {
    this.options = options;
  }

  /** An outcome, in window order. Lines are held back until a window is answered, then written as they come. */
  add(window: ReportWindow, outcome: WindowOutcome): void {
    if (outcome.status === "answered") {
      this.release();
      this.open = false;
      return;
    }
    const kind = outcome.status;
    const message = outcome.status === "failed" ? outcome.failure.message : outcome.reason;
    const last = this.groups.at(-1);
    if (this.open && last && last.kind === kind && last.message === message) last.windows.push(window);
    else {
      this.open = true;
      if (!this.held) this.flush(this.groups.length);
      this.groups.push({
        kind,
        message,
        windows: [window],
        cause: outcome.status === "failed" ? outcome.failure.cause : undefined,
      });
    }
  }

  /** Writes what was held, and from then on each group once it is complete. */
  private release(): void {
    this.flush(this.groups.length);
    this.held = false;
  }

  private written = 0;
  private flush(upTo: number): void {
    for (; this.written < upTo; this.written++) {
      const group = this.groups[this.written] as Group;
      const verb = group.kind === "failed" ? "failed" : "not fetched";
      this.options.write(`error: ${windowsName(group.windows)} ${verb}: ${group.message}\n`);
      if (this.options.debug) this.options.write(stacks(group.cause));
    }
  }

  /** The closing line and the exit code: 0 complete, 1 partial, else the first failure's. */
  finish(outcomes: readonly WindowOutcome[], run: { written: number; resumePath: string | undefined }): ExitCode {
    const failed = outcomes.filter((outcome) => outcome.status === "failed");
    const notFetched = outcomes.filter((outcome) => outcome.status === "not-fetched").length;
    if (failed.length === 0 && notFetched === 0) return ExitCode.ok;
    const firstFailure = failed[0]?.status === "failed" ? failed[0].failure : undefined;
    const messages = new Set(failed.map((outcome) => (outcome.status === "failed" ? outcome.failure.message : "")));
    if (run.written === 0 && firstFailure && (this.options.single || messages.size === 1)) {
      // Nothing written, one cause: that cause is the one line.
      const notes =
        notFetched > 0 && !this.options.single ? ` (${failed.length} failed, ${notFetched} not fetched)` : "";
      this.options.write(`error: ${firstFailure.message}${notes}\n`);
      if (this.options.debug) this.options.write(stacks(firstFailure.cause));
      return firstFailure.exitCode;
    }
    this.flush(this.groups.length);
    const counts = [failed.length && `${failed.length} failed`, notFetched && `${notFetched} not fetched`]
      .filter(Boolean)
      .join(", ");
    const again = run.resumePath
      ? `; run the same command again (--resume ${quotedText(run.resumePath)}) to fetch only those`
      : "; with --resume FILE the next run fetches only what is missing";
    if (run.written === 0) {
      this.options.write(`error: nothing written: all ${outcomes.length} windows ${counts}${again}\n`);
      return mostActionable(
        failed.map((outcome) => (outcome.status === "failed" ? outcome.failure.exitCode : undefined)),
      );
    }
    this.options.write(
      `error: partial: ${run.written} of ${outcomes.length} windows written; ${counts} (named above)${again}\n`,
    );
    return ExitCode.failed;
  }
}

/**
 * Of the failures' exit codes, the one a scheduler should act on first: a refused key (3)
 * and a wrong command line or configuration (2) need a person whatever else happened; only
 * when every failure is worth a retry later is it 4.
 */
function mostActionable(codes: readonly (ExitCode | undefined)[]): ExitCode {
  for (const code of [ExitCode.authRefused, ExitCode.couldNotRun]) if (codes.includes(code)) return code;
  return codes.find((code) => code !== undefined) ?? ExitCode.couldNotRun;
}
