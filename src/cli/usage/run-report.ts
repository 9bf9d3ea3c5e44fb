import { createDevinClient } from "../../client.js";
import { DevinInvalidResponseError } from "../../errors.js";
import { redactor } from "../../redact.js";
import { getUsageMetrics, type UsageMetrics } from "../../usage-metrics.js";
import { CommandError } from "../command-error.js";
import type { ExitCode } from "../exit-codes.js";
import { collectWindows, type WindowOutcome } from "./collect.js";
import { explainFailure, type Failure } from "./explain-failure.js";
import { metricFields } from "./metric-fields.js";
import { observeTries } from "./observe-tries.js";
import type { UsagePlan } from "./options.js";
import { createProgress, type Progress } from "./progress.js";
import { createOutputWriter } from "./render.js";
import type { ReportWindow, UsageReport, UsageRow } from "./report.js";
import { openResumeFile, type ResumeFile } from "./resume-file.js";
import { StderrReport } from "./stderr-report.js";
import { packageVersion } from "./version.js";

/** Where a run writes, and what it knows about the terminal. */
export interface RunIO {
  stdout(text: string): void;
  stderr(text: string): void;
  stderrIsTerminal: boolean;
  /** Columns for the table's sparklines. */
  columns: number;
}

/**
 * The answer as the spec promises it, an object of metrics, or a `DevinInvalidResponseError`
 * (the window fails): a server's `null`, list or number kept as an answer would be a row of
 * blanks, or a resume file that no later run can read.
 */
function metricsObject(answer: unknown): UsageMetrics {
  if (answer !== null && typeof answer === "object" && !Array.isArray(answer)) return answer as UsageMetrics;
  const what = answer === null ? "null" : Array.isArray(answer) ? "a list" : `a ${typeof answer}`;
  throw new DevinInvalidResponseError(`the API answered with ${what}, not an object of metrics as the spec says`);
}

/**
 * One run of `devin-usage`: every window fetched (or taken from the resume file), rows
 * written in window order as they settle, failures named on stderr, and the exit code
 * that says complete (0), partial (1) or why nothing was written (2, 3, 4).
 */
export async function runUsageReport(plan: UsagePlan, io: RunIO, interrupt: AbortSignal): Promise<ExitCode> {
  const fields = metricFields();
  const context = { baseUrl: plan.baseUrl, orgId: plan.orgId };
  // The client checks the base URL, the resume file is checked against it: both refuse before anything starts.
  let progress: Progress | undefined;
  const observer = observeTries({
    maxRetries: plan.maxRetries,
    onTry: (report) => progress?.onTry(report),
    interrupted: interrupt,
  });
  let client: ReturnType<typeof createDevinClient>;
  try {
    client = createDevinClient({
      apiKey: plan.apiKey,
      baseUrl: plan.baseUrl,
      timeoutMs: plan.timeoutMs,
      maxRetries: plan.maxRetries,
      fetch: observer.fetch,
    });
  } catch (error) {
    const failure = explainFailure(error, context);
    throw new CommandError(failure.message, failure.exitCode, { cause: error });
  }
  const resume: ResumeFile | undefined = plan.resumePath
    ? openResumeFile(plan.resumePath, plan.orgId, plan.baseUrl)
    : undefined;
  progress = createProgress({
    total: plan.windows.length,
    mode: plan.quiet ? "quiet" : io.stderrIsTerminal ? "terminal" : "log",
    everyMs: plan.progressEveryMs,
    write: io.stderr,
  });
  const shown = progress;
  const messages = new StderrReport({
    single: plan.windows.length === 1,
    debug: plan.debug,
    write: (text) => {
      shown.beforeMessage();
      io.stderr(text);
    },
  });
  const writer = createOutputWriter(plan.format, fields, { columns: io.columns });
  const redactKey = redactor(plan.apiKey);
  const rows: UsageRow[] = [];
  const missing: ReportWindow[] = [];
  let outcomes: WindowOutcome[];
  try {
    outcomes = await collectWindows(plan.windows, {
      fetch: async (window, signal) => {
        const metrics = metricsObject(
          await getUsageMetrics(
            client,
            { orgId: plan.orgId, timeAfter: window.from, timeBefore: window.to },
            { signal },
          ),
        );
        // Kept the moment it arrives: a run killed after this line loses nothing the API said.
        // Less the key, wherever a server echoed it: the file is output, and outlives the run.
        resume?.append(window, redactKey.value(metrics), new Date());
        return metrics;
      },
      explain: (error, window): Failure => explainFailure(error, { ...context, lastTry: observer.last(window) }),
      known: resume ? (window) => resume.known(window) : undefined,
      signal: interrupt,
      onChange: shown.update,
      onSettled: (window, outcome) => {
        if (outcome.status === "answered") {
          const row = { ...window, metrics: outcome.metrics };
          // Nothing at all is written for a run that got no answer: "nothing written" means it.
          if (rows.length === 0) io.stdout(writer.start());
          rows.push(row);
          io.stdout(writer.row(row));
        } else {
          missing.push(window);
        }
        messages.add(window, outcome);
      },
    });
  } finally {
    shown.finish();
    resume?.close();
  }
  const report: UsageReport = {
    org: plan.orgId,
    fields,
    windows: plan.windows,
    rows,
    missing,
    generatedAt: plan.now,
    version: packageVersion(),
  };
  if (rows.length > 0) io.stdout(writer.finish(report));
  return messages.finish(outcomes, {
    written: rows.length,
    resumePath: plan.resumePath,
  });
}
