import { CommandError } from "../../src/cli/usage-error.js";
import { defaultSpecUrl, type SpecSource } from "./fetch-spec.js";

/** The `--url`/`--file` pair shared by spec:fetch, spec:diff and sync: at most one of them. */
export const SOURCE_OPTIONS = {
  url: { type: "string" },
  file: { type: "string" },
  "timeout-ms": { type: "string" },
  "max-bytes": { type: "string" },
} as const;

export function sourceFromArgs(args: { url?: string; file?: string }): SpecSource {
  if (args.url !== undefined && args.file !== undefined) throw new CommandError("give --url or --file, not both");
  return args.file !== undefined ? { file: args.file } : { url: args.url ?? defaultSpecUrl() };
}

export const SOURCE_HELP = `  --url URL          where the published document is (default: $DEVIN_SPEC_URL, else
                     https://docs.devin.ai/v3-openapi.yaml)
  --file PATH        take the document from a file instead
  --timeout-ms N     give up on a download after N ms (default 30000)
  --max-bytes N      refuse a document larger than N bytes (default 20971520)`;
