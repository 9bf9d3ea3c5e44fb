import { integerInRange, MAX_TIMEOUT_MS } from "../../../src/cli/parse-args.js";
import { PipelineError } from "../util/pipeline-error.js";
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, DEFAULT_MAX_BYTES } from "./download.js";
import { defaultSpecUrl, type FetchSpecOptions, type SpecSource } from "./source.js";

/** The `--url`/`--file` pair shared by spec:fetch, spec:diff and sync: at most one of them. */
export const SOURCE_OPTIONS = {
  url: { type: "string" },
  file: { type: "string" },
  "timeout-ms": { type: "string" },
  "max-bytes": { type: "string" },
  retries: { type: "string" },
} as const;

function sourceFromArgs(args: { url?: string; file?: string }): SpecSource {
  if (args.url !== undefined && args.file !== undefined)
    throw new PipelineError("bad-input", "give --url or --file, not both");
  return args.file !== undefined ? { file: args.file } : { url: args.url ?? defaultSpecUrl() };
}

export const SOURCE_HELP = `  --url URL          where the published document is (default: $DEVIN_SPEC_URL, else
                     https://docs.devin.ai/v3-openapi.yaml)
  --file PATH        take the document from a file instead
  --timeout-ms N     give up on a download after N ms (default 30000)
  --max-bytes N      refuse a document larger than N bytes (default 20971520)
  --retries N        retries for connection errors, 429 and 5xx (default 3)`;

/** Most retries a command may be told to make: beyond this a source is down, not flaky. */
const MAX_RETRIES = 10;
/** Largest document accepted at all: 1 GiB, fifty times GitHub's. */
const MAX_MAX_BYTES = 1024 * 1024 * 1024;

type SourceArgs = { url?: string; file?: string; "timeout-ms"?: string; "max-bytes"?: string; retries?: string };

/** Where to read the document from and how, from the shared flags; retries are logged to stderr. */
export function fetchOptionsFromArgs(args: SourceArgs): FetchSpecOptions {
  return {
    source: sourceFromArgs(args),
    timeoutMs: integerInRange(args["timeout-ms"], "--timeout-ms", DEFAULT_DOWNLOAD_TIMEOUT_MS, { max: MAX_TIMEOUT_MS }),
    maxBytes: integerInRange(args["max-bytes"], "--max-bytes", DEFAULT_MAX_BYTES, { max: MAX_MAX_BYTES }),
    maxRetries:
      args.retries === undefined
        ? undefined
        : integerInRange(args.retries, "--retries", 0, { min: 0, max: MAX_RETRIES }),
    log: (line) => process.stderr.write(`${line}\n`),
  };
}
