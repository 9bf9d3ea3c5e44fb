/**
 * Runs one step of a longer command with a progress line before and after it
 * (`sync: generate …`, `sync: generate done in 0.8 s`), for stderr.
 */
export async function timed<T>(log: (line: string) => void, label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  log(`${label} …`);
  const result = await work();
  log(`${label} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}
