/**
 * What went wrong, in the pipeline's terms. Library functions throw a `PipelineError`
 * with one of these kinds; only the command entry points turn it into an exit code and
 * a line on stderr (`runPipelineCommand`).
 */
export type PipelineErrorKind =
  /** The arguments or files the command was given do not work (`--url` and `--file`, no such file). */
  | "bad-input"
  /** The upstream source did not answer, or answered with an error status. */
  | "source-unreachable"
  /** The source answered with something refused before it was read: too large, a downgrade, a redirect loop. */
  | "source-refused"
  /** A document (the vendored spec, `--file`, `--base`) cannot be read, or is not UTF-8 text. */
  | "spec-unreadable"
  /** A document is not a valid OpenAPI 3.0/3.1 document. */
  | "spec-invalid"
  /** A document would make a tool read a file, fetch a URL or overflow its stack. */
  | "spec-unsafe"
  /** The lock beside the spec cannot be read. */
  | "lock-invalid"
  /** A step the command runs (the compiler, the tests, a download of a benchmark input) could not start or finish. */
  | "step-failed";

/** A failure of the pipeline that its message explains in one line. */
export class PipelineError extends Error {
  override name = "PipelineError";
  readonly kind: PipelineErrorKind;

  constructor(kind: PipelineErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
  }
}
