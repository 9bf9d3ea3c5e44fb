import { displayText } from "../../../src/untrusted-text.js";

type Redocly = typeof import("@redocly/openapi-core");

let sealed: Promise<Redocly> | undefined;

/**
 * Redocly's openapi-core (the validator, and the bundler inside openapi-typescript) with
 * its resolver unable to load anything outside the document: `loadExternalRef` refuses
 * instead of reading a file or fetching a URL. Documents are refused before they get
 * here when they hold an external reference (`assertSelfContained`); this is the second
 * lock on the same door, so that no later change of ours or of the libraries reopens it.
 * openapi-typescript imports the same module instance, so the seal covers it too.
 */
export function sealedRedocly(): Promise<Redocly> {
  sealed ??= import("@redocly/openapi-core").then((redocly) => {
    redocly.BaseResolver.prototype.loadExternalRef = async (absoluteRef: string) => {
      throw new redocly.ResolveError(
        new Error(`external reference ${displayText(absoluteRef)} refused: only #/… references are followed`),
      );
    };
    return redocly;
  });
  return sealed;
}
