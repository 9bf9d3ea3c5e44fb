import { parse as parseYaml } from "yaml";
import { CommandError } from "../../src/cli/usage-error.js";

/**
 * An alias may be expanded at most this many times. The default of the yaml package (100)
 * is kept explicitly: a "billion laughs" document of nested aliases fails to parse instead
 * of expanding into gigabytes.
 */
export const MAX_YAML_ALIAS_COUNT = 100;

/**
 * Parses a document's text as JSON or YAML 1.2 into a plain object. `origin` names the
 * file or URL in the one-line error, which also says what the text looked like when it was
 * not a document at all (an HTML page, an empty body).
 */
export function parseDocumentText(text: string, origin: string): Record<string, unknown> {
  const start = text.trimStart();
  if (start === "") throw new CommandError(`${origin} is empty; expected an OpenAPI document`);
  if (start.startsWith("<")) {
    throw new CommandError(`${origin} is an HTML or XML page, not an OpenAPI document (is the URL right?)`);
  }
  let parsed: unknown;
  try {
    // JSON is parsed natively: it is YAML too, but large JSON specs parse ~20x faster this way.
    parsed = start.startsWith("{")
      ? JSON.parse(text)
      : parseYaml(text, { maxAliasCount: MAX_YAML_ALIAS_COUNT, uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new CommandError(`${origin} is not valid ${start.startsWith("{") ? "JSON" : "YAML"}: ${reason}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new CommandError(`${origin} does not hold an object at its top level; expected an OpenAPI document`);
  }
  return parsed as Record<string, unknown>;
}
