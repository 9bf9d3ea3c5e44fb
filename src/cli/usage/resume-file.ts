import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import type { UsageMetrics } from "../../usage-metrics.js";
import { CommandError } from "../command-error.js";
import { ExitCode } from "../exit-codes.js";
import { quotedText } from "./escape-terminal.js";
import { iso, type ReportWindow } from "./report.js";

/**
 * `--resume FILE`: every answer the API gives is appended to FILE the moment it arrives,
 * one JSON object a line, so that a run cut short (a failure, a kill, a reboot) loses
 * nothing, and the next run with the same FILE fetches only the windows it does not hold.
 *
 * The first line says whose answers these are (organization and API); a later run for
 * another organization is refused rather than mixed in. A window is taken from the file
 * only when it had ended by the time it was fetched: the answer for a day still under way
 * is fetched again.
 */

const FORMAT = "devin-usage resume file";
const VERSION = 1;
/** How every header line starts. A file with no whole line is ours only if it is cut within this or after it. */
const HEADER_START = JSON.stringify({ format: FORMAT }).slice(0, -1);

interface Header {
  format: typeof FORMAT;
  version: number;
  org: string;
  api: string;
}

interface AnswerRecord {
  from: string;
  to: string;
  fetchedAt: string;
  metrics: UsageMetrics;
}

export interface ResumeFile {
  /** The answer the file holds for a window, when it is final. */
  known(window: ReportWindow): UsageMetrics | undefined;
  /** How many final answers the file held when it was opened. */
  readonly heldWindows: number;
  /** Appends an answer (one write, so a crash leaves at most a torn last line, which the next run drops). */
  append(window: ReportWindow, metrics: UsageMetrics, fetchedAt: Date): void;
  close(): void;
}

const key = (from: string, to: string) => `${from}/${to}`;

/** The API's address as recorded: origin and path, never a user name or password in the URL. */
function apiOf(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function refuse(path: string, why: string): never {
  throw new CommandError(`--resume ${quotedText(path)}: ${why}`, ExitCode.couldNotRun);
}

function isRecord(value: unknown): value is AnswerRecord {
  if (value === null || typeof value !== "object") return false;
  const record = value as Record<string, unknown>;
  return (
    [record.from, record.to, record.fetchedAt].every(
      (time) => typeof time === "string" && !Number.isNaN(Date.parse(time)),
    ) &&
    record.metrics !== null &&
    typeof record.metrics === "object" &&
    !Array.isArray(record.metrics)
  );
}

/**
 * Opens (or creates) a resume file for `org` at `baseUrl`. A file of someone else's, one
 * that is not a resume file, or a line in the middle that is not a record is refused
 * (exit 2) and left as it is; a torn last line, the trace of a write cut short, is
 * dropped.
 */
export function openResumeFile(path: string, org: string, baseUrl: string): ResumeFile {
  const header: Header = { format: FORMAT, version: VERSION, org, api: apiOf(baseUrl) };
  const answers = new Map<string, UsageMetrics>();
  let keepBytes: number | undefined;
  if (existsSync(path)) {
    const text = readFileSync(path, "utf8");
    const complete = text.endsWith("\n") ? text : text.slice(0, text.lastIndexOf("\n") + 1);
    if (complete !== text) keepBytes = Buffer.byteLength(complete);
    const lines = complete.split("\n").slice(0, -1);
    if (lines.length > 0) {
      let first: Partial<Header> | undefined;
      try {
        first = JSON.parse(lines[0] as string);
      } catch {
        first = undefined;
      }
      if (first?.format !== FORMAT) refuse(path, "not a file devin-usage wrote; give a new file or an earlier one");
      if (first.version !== VERSION) refuse(path, `written in format version ${first.version}; give a new file`);
      if (first.org !== org || first.api !== header.api) {
        refuse(
          path,
          `holds answers for organization ${quotedText(JSON.stringify(first.org))} at ${quotedText(String(first.api))}; give another file for ${quotedText(JSON.stringify(org))} at ${header.api}`,
        );
      }
      lines.slice(1).forEach((line, index) => {
        // A blank line (an editor's, or a hand's) holds no record and costs nothing to pass over.
        if (line.trim() === "") return;
        let record: unknown;
        try {
          record = JSON.parse(line);
        } catch {
          record = undefined;
        }
        if (!isRecord(record)) refuse(path, `line ${index + 2} is not a record devin-usage wrote; remove it to go on`);
        // Only an answer for a window that had ended is final; a later record wins.
        if (Date.parse(record.to) <= Date.parse(record.fetchedAt))
          answers.set(key(record.from, record.to), record.metrics);
        else answers.delete(key(record.from, record.to));
      });
    } else if (HEADER_START.startsWith(text) || text.startsWith(HEADER_START)) {
      keepBytes = 0; // empty, or a header torn by a crash on the first write
    } else {
      // One line and no line break (a JSON file, a note) is someone's file, not a torn one of ours.
      refuse(path, "not a file devin-usage wrote; give a new file or an earlier one");
    }
  }
  const descriptor = openSync(path, "a");
  const write = (value: unknown) => writeSync(descriptor, `${JSON.stringify(value)}\n`);
  try {
    if (keepBytes !== undefined) ftruncateSync(descriptor, keepBytes);
    if (fstatSync(descriptor).size === 0) write(header);
  } catch (error) {
    closeSync(descriptor);
    throw error;
  }
  const held = answers.size;
  return {
    known(window) {
      if (!window.from || !window.to) return undefined;
      return answers.get(key(iso(window.from), iso(window.to)));
    },
    heldWindows: held,
    append(window, metrics, fetchedAt) {
      if (!window.from || !window.to) return;
      const record: AnswerRecord = { from: iso(window.from), to: iso(window.to), fetchedAt: iso(fetchedAt), metrics };
      write(record);
    },
    close: () => closeSync(descriptor),
  };
}
