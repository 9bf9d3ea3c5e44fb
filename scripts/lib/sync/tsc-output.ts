/** A compiler error, from tsc's `file(line,col): error TSnnnn: message` lines. */
export interface CompileError {
  file: string;
  line: number;
  code: string;
  message: string;
}

/** The errors of a `tsc` run, from its output. */
export function parseTscOutput(output: string): CompileError[] {
  const errors: CompileError[] = [];
  for (const match of output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.+)$/gm)) {
    errors.push({
      file: match[1] as string,
      line: Number(match[2]),
      code: match[3] as string,
      message: match[4] as string,
    });
  }
  return errors;
}
