import { pointerToken } from "../../../src/json-pointer.js";
import { code } from "../../../src/untrusted-text.js";
import type { Owner } from "./schema-graph.js";

/**
 * Where a change inside a shared schema is written: a JSON pointer into the revision (or
 * into the base, for something only the base has), and the schema's name for a message.
 */
export interface Locator {
  /** The pointer of an owner, or undefined when the object is not found in its document. */
  locate(owner: Owner): string | undefined;
}

/**
 * JSON pointers of the objects asked for: one walk of each document, without recursion,
 * that keeps a link to each value's container and writes out a pointer only for the
 * objects needed (the owners of the changes seen from several places).
 */
function pointersOf(document: unknown, wanted: ReadonlySet<object>): Map<object, string> {
  const found = new Map<object, string>();
  if (wanted.size === 0) return found;
  interface Link {
    value: unknown;
    key: string;
    parent: Link | undefined;
  }
  const seen = new Set<object>();
  const pending: Link[] = [{ value: document, key: "", parent: undefined }];
  while (pending.length > 0 && found.size < wanted.size) {
    const link = pending.pop() as Link;
    const { value } = link;
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (wanted.has(value)) {
      const tokens: string[] = [];
      for (let at: Link | undefined = link; at?.parent !== undefined; at = at.parent) tokens.push(pointerToken(at.key));
      found.set(value, tokens.length === 0 ? "" : `/${tokens.reverse().join("/")}`);
    }
    // Children pushed last first, so the walk goes in document order: the first place an object is written wins.
    // At the top, `components` goes first: most shared schemas are written there, and the walk ends when all are found.
    const keys = Object.keys(value);
    if (link.parent === undefined && keys.includes("components")) {
      keys.splice(keys.indexOf("components"), 1);
      keys.unshift("components");
    }
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index] as string;
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) pending.push({ value: item, key, parent: link });
    }
  }
  return found;
}

/** Which side an owner is located in: the revision, unless the change is only in the base. */
function sideOf(owner: Owner): "base" | "revision" {
  return owner.inBase || owner.revision === undefined ? "base" : "revision";
}

/** A locator for these owners (gathered first, so each document is walked once). */
export function createLocator(base: unknown, revision: unknown, owners: readonly Owner[]): Locator {
  const wanted = { base: new Set<object>(), revision: new Set<object>() };
  for (const owner of owners) {
    const side = sideOf(owner);
    const object = owner[side];
    if (object !== undefined) wanted[side].add(object);
  }
  const pointers = { base: pointersOf(base, wanted.base), revision: pointersOf(revision, wanted.revision) };
  return {
    locate(owner) {
      const side = sideOf(owner);
      const object = owner[side];
      const at = object === undefined ? undefined : pointers[side].get(object);
      return at === undefined ? undefined : `${at}${owner.pointer}`;
    },
  };
}

/** Unescapes one token of a JSON pointer (RFC 6901 §4). */
const unescapeToken = (token: string) => token.replaceAll("~1", "/").replaceAll("~0", "~");

/**
 * A schema named for a message from its pointer: `/components/schemas/Pet/properties/tags/items`
 * is schema `Pet` property `tags[]`; a schema written anywhere else is named by its pointer.
 */
export function schemaLabel(at: string): string {
  const tokens = at.split("/").slice(1).map(unescapeToken);
  if (tokens[0] !== "components" || tokens[1] !== "schemas" || tokens[2] === undefined)
    return `the schema at ${code(at)}`;
  let property = "";
  for (let index = 3; index < tokens.length; index++) {
    const token = tokens[index] as string;
    if (token === "properties" && tokens[index + 1] !== undefined) {
      const name = tokens[++index] as string;
      property = property === "" ? name : `${property}.${name}`;
    } else if (token === "items") property = `${property}[]`;
  }
  return `schema ${code(tokens[2])}${property === "" ? "" : ` property ${code(property)}`}`;
}

/** `3 places in 2 operations`. */
export function placesText(places: number, operations: number): string {
  const count = (value: number, noun: string) =>
    `${value >= Number.MAX_SAFE_INTEGER ? "more than 9e15" : value} ${noun}${value === 1 ? "" : "s"}`;
  return `${count(places, "place")} in ${count(operations, "operation")}`;
}
