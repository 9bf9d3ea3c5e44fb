import { type ParseArgsConfig, parseArgs } from "node:util";
import { CommandError } from "./command-error.js";
import { ExitCode } from "./exit-codes.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** What a command says about itself: its usage line and the text `--help` prints. */
export interface CommandHelp {
  /** One line: the command and its flags, shown again under every argument error. */
  usage: string;
  /** The rest of `--help`: what it does, the flags, the exit codes, examples. */
  details: string;
}

export type ParsedArgs<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ options: O; strict: true }>>["values"];

/**
 * Parses a command's flags strictly (node:util parseArgs): an unknown flag, a missing
 * value or a stray positional argument is a usage error (exit 2) that repeats the usage
 * line. Returns `undefined` when `--help` was asked for, after printing the help.
 */
export function parseCommandArgs<O extends OptionsConfig>(
  argv: readonly string[],
  options: O,
  help: CommandHelp,
  out: (text: string) => void = (text) => process.stdout.write(text),
): ParsedArgs<O> | undefined {
  if (argv.includes("--help") || argv.includes("-h")) {
    out(`usage: ${help.usage}\n\n${help.details.trimEnd()}\n`);
    return undefined;
  }
  try {
    const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
    return values as ParsedArgs<O>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new CommandError(reason ?? "bad arguments", ExitCode.couldNotRun, { hint: `usage: ${help.usage}` });
  }
}

/** The longest delay a timer can wait (2^31 − 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Reads a flag that must be a whole number from `min` to `max`, such as a timeout in
 * milliseconds. Out of range is a usage error, never a silent clamp.
 */
export function integerInRange(
  value: string | undefined,
  flag: string,
  fallback: number,
  { min = 1, max }: { min?: number; max: number },
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new CommandError(`${flag} takes a whole number from ${min} to ${max}, got "${value}"`);
  }
  return parsed;
}

/**
 * Reads a flag that takes one of a fixed set of words; absent gives `undefined`. A wrong
 * word is a usage error naming the choices (and repeating `usage` when given).
 */
export function choice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
  usage?: string,
): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  throw new CommandError(`${flag} takes one of ${allowed.join(", ")}; got "${value}"`, ExitCode.couldNotRun, {
    hint: usage && `usage: ${usage}`,
  });
}
