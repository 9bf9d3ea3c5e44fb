import { appendFile } from "node:fs/promises";

/**
 * Appends `name=value` lines to `$GITHUB_OUTPUT`, where a workflow's later steps read a
 * step's outputs; does nothing outside GitHub Actions. Values are ours (counts, states),
 * never text from a document, so the one-line form is safe.
 */
export async function appendGithubOutput(
  values: Record<string, string | number | boolean>,
  file = process.env.GITHUB_OUTPUT,
): Promise<void> {
  if (!file) return;
  const lines = Object.entries(values).map(([name, value]) => `${name}=${value}\n`);
  await appendFile(file, lines.join(""));
}
