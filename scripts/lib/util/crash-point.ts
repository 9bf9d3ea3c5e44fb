/** The environment variable that names the step at which to die (tests of interrupted runs only). */
export const CRASH_AT_ENV = "DEVIN_PIPELINE_CRASH_AT";

/**
 * A named moment between two writes. When `DEVIN_PIPELINE_CRASH_AT` names it, the process
 * kills itself with SIGKILL there, as a power cut or `kill -9` would: the tests of
 * interrupted runs use it to prove that no moment leaves spec/ and generated/ in a state
 * the next run cannot recover from. Unset, it costs one property read.
 */
export function crashPoint(name: string): void {
  if (process.env[CRASH_AT_ENV] === name) process.kill(process.pid, "SIGKILL");
}
