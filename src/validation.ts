/**
 * A small JSON Schema validator for response bodies: the keywords OpenAPI 3.0 and 3.1
 * response schemas use for shape (type, nullable, enum, const, properties, required,
 * additionalProperties, items, allOf, anyOf, oneOf, local $ref). Keywords that constrain
 * values beyond shape (formats, lengths, patterns) are not checked: the goal is to catch
 * a server whose responses no longer match the types the client was compiled against.
 * `oneOf` is checked as `anyOf`: telling "exactly one" apart needs every branch to be
 * disjoint, which generated FastAPI schemas (`anyOf` of a type and null) do not rely on.
 *
 * Work grows with the value, never with the paths through the schema: each schema object
 * is compiled once into a check (kept per schema object), and within one validation each
 * referenced schema is checked once per value it meets, so a component reached along many
 * paths (an `allOf` of four references to one that does the same, fourteen levels deep)
 * costs as much as one reached once.
 */
import { COMPONENT_SCHEMAS, pointerToken } from "./json-pointer.js";
import { jsonPrefix } from "./json-prefix.js";

type Schema = Record<string, unknown>;

export interface ValidationContext {
  /** Component schemas, for `#/components/schemas/<name>` references. */
  components: Record<string, unknown>;
  /**
   * Applied to each value shown in a message before it is cut (a key echoed in a value
   * must not survive in part), with the longest text it replaces.
   */
  redact?: { text: (text: string) => string; longest: number };
  /** Counts the schema checks made, for tests that bound the work. */
  stats?: { checks: number };
}

/** Where an issue is, relative to the value checked: tokens from outside in, built only as issues arise. */
interface Place {
  token: string;
  rest: Place | undefined;
}

interface Issue {
  at: Place | undefined;
  text: string;
  /** For an `anyOf` that nothing matched: the first issue of each alternative, at the same place. */
  alternatives?: Issue[];
}

/** One validation: the context, and what each referenced schema said of each value it met. */
interface Run {
  context: ValidationContext;
  memo: Map<Check, Map<unknown, Issue[]>>;
  depth: number;
}

type Check = (value: unknown, run: Run) => Issue[];

const NONE: Issue[] = [];
const PASS: Check = () => NONE;

/** Nesting deeper than this (through a recursive schema) is reported rather than followed. */
const MAX_DEPTH = 256;

/**
 * Issues kept per value checked: however many paths lead to one mismatch, or however many
 * mismatches a large value has, the work of reporting them stays bounded.
 */
const MAX_ISSUES = 100;

/** Longest piece of a value shown in an issue. */
const SHOWN = 40;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function show(value: unknown, run: Run): string {
  const redact = run.context.redact;
  // Redacted before it is cut: a key that starts within what is shown is replaced whole.
  const text = jsonPrefix(value, SHOWN + 1 + (redact?.longest ?? 0));
  const safe = redact ? redact.text(text) : text;
  return safe.length > SHOWN ? `${safe.slice(0, SHOWN)}…` : safe;
}

const issue = (text: string): Issue[] => [{ at: undefined, text }];
const under = (token: string, found: Issue): Issue => ({ ...found, at: { token, rest: found.at } });

/** A value equal to one of `options`, compared as JSON text (bounded for large values). */
function equalsOneOf(options: unknown[]): (value: unknown) => boolean {
  const texts = new Set(options.map((option) => JSON.stringify(option)));
  const longest = Math.max(0, ...[...texts].map((text) => text.length));
  return (value) => texts.has(jsonPrefix(value, longest + 1));
}

/** Compiled checks of each schema object, per set of components (a reference means different things in each). */
const compiledByComponents = new WeakMap<object, WeakMap<object, Check>>();

function compile(schema: unknown, components: Record<string, unknown>): Check {
  if (typeof schema !== "object" || schema === null) return PASS;
  let compiled = compiledByComponents.get(components);
  if (compiled === undefined) {
    compiled = new WeakMap();
    compiledByComponents.set(components, compiled);
  }
  let check = compiled.get(schema);
  if (check === undefined) {
    // Children are compiled on first use, so a schema that refers to itself compiles.
    let built: Check | undefined;
    check = (value, run) => {
      built ??= build(schema as Schema, components);
      return built(value, run);
    };
    compiled.set(schema, check);
  }
  return check;
}

/** Reference checks by components and reference: four `$ref`s to one schema are one check. */
const referencesByComponents = new WeakMap<object, Map<string, Check>>();

function referenceCheck(ref: string, components: Record<string, unknown>): Check {
  let byRef = referencesByComponents.get(components);
  if (byRef === undefined) {
    byRef = new Map();
    referencesByComponents.set(components, byRef);
  }
  let check = byRef.get(ref);
  if (check === undefined) {
    check = newReferenceCheck(ref, components);
    byRef.set(ref, check);
  }
  return check;
}

function newReferenceCheck(ref: string, components: Record<string, unknown>): Check {
  const name = ref.slice(COMPONENT_SCHEMAS.length);
  // Own properties only: a schema named `constructor` or `__proto__` is a name like any other.
  const found = ref.startsWith(COMPONENT_SCHEMAS) && Object.hasOwn(components, name);
  const target = compile(found ? components[name] : undefined, components);
  return (value, run) => {
    let seen = run.memo.get(target);
    if (seen === undefined) {
      seen = new Map();
      run.memo.set(target, seen);
    }
    const known = seen.get(value);
    if (known !== undefined) return known;
    seen.set(value, NONE); // a reference back to itself, on the same value, adds nothing
    const issues = target(value, run);
    seen.set(value, issues);
    return issues;
  };
}

/** `compile`, but a schema that is only a `$ref` is the shared check of that reference. */
function compileUnwrapped(schema: unknown, components: Record<string, unknown>): Check {
  const ref = (schema as Schema | null)?.$ref;
  return typeof ref === "string" ? referenceCheck(ref, components) : compile(schema, components);
}

function build(s: Schema, components: Record<string, unknown>): Check {
  if (typeof s.$ref === "string") return referenceCheck(s.$ref, components);
  const types = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? (s.type as string[]) : undefined;
  const inEnum = Array.isArray(s.enum) ? equalsOneOf(s.enum) : undefined;
  const isConst = "const" in s ? equalsOneOf([s.const]) : undefined;
  const properties = (s.properties ?? {}) as Record<string, unknown>;
  const propertyChecks = new Map(Object.keys(properties).map((name) => [name, compile(properties[name], components)]));
  const additional = s.additionalProperties === false ? undefined : compile(s.additionalProperties, components);
  const required = Array.isArray(s.required) ? (s.required as string[]) : [];
  const items = s.items === undefined ? undefined : compile(s.items, components);
  // Each distinct part once: an allOf of the same reference four times is that reference.
  const allOf = [...new Set((Array.isArray(s.allOf) ? s.allOf : []).map((part) => compileUnwrapped(part, components)))];
  const alternatives = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined)?.map((part) =>
    compile(part, components),
  );

  return (value, run) => {
    if (run.context.stats) run.context.stats.checks++;
    if (value === null && s.nullable === true) return NONE;
    const actual = typeOf(value);
    if (types && !types.some((type) => actual === type || (type === "number" && actual === "integer"))) {
      return issue(`expected ${types.join(" or ")}, got ${show(value, run)}`);
    }
    let issues: Issue[] = [];
    if (inEnum && !inEnum(value)) {
      issues.push(
        ...issue(
          `expected one of ${(s.enum as unknown[]).map((option) => show(option, run)).join(", ")}, got ${show(value, run)}`,
        ),
      );
    }
    if (isConst && !isConst(value)) issues.push(...issue(`expected ${show(s.const, run)}, got ${show(value, run)}`));
    if ((actual === "object" || actual === "array") && ++run.depth > MAX_DEPTH) {
      run.depth--;
      return issue(`nested deeper than ${MAX_DEPTH} levels, which is not validated`);
    }
    if (actual === "object") {
      const object = value as Record<string, unknown>;
      for (const name of required) {
        if (!Object.hasOwn(object, name))
          issues.push({ at: { token: name, rest: undefined }, text: "required property is missing" });
      }
      for (const name of Object.keys(object)) {
        const child = propertyChecks.get(name) ?? additional;
        if (child === undefined) issues.push({ at: { token: name, rest: undefined }, text: "property is not allowed" });
        else if (child !== PASS) for (const found of child(object[name], run)) issues.push(under(name, found));
      }
    }
    if (actual === "array" && items !== undefined && items !== PASS) {
      (value as unknown[]).forEach((item, index) => {
        for (const found of items(item, run)) issues.push(under(String(index), found));
      });
    }
    if (actual === "object" || actual === "array") run.depth--;
    // An issue reached through two parts (one component under both) is the same object: reported once.
    if (allOf.length > 0) {
      const seen = new Set(issues);
      for (const part of allOf) for (const found of part(value, run)) if (!seen.has(found)) seen.add(found);
      if (seen.size > issues.length) issues = [...seen];
    }
    if (alternatives) {
      const failures = alternatives.map((part) => part(value, run));
      if (!failures.some((list) => list.length === 0)) {
        issues.push({
          at: undefined,
          text: `matches none of ${alternatives.length} alternatives`,
          alternatives: failures.map((list) => list[0] as Issue),
        });
      }
    }
    if (issues.length > MAX_ISSUES) issues.length = MAX_ISSUES;
    return issues.length === 0 ? NONE : issues;
  };
}

function pointerOf(place: Place | undefined): string {
  let pointer = "";
  for (let at = place; at !== undefined; at = at.rest) pointer += `/${pointerToken(at.token)}`;
  return pointer;
}

/** `<pointer>: <text>`, the pointer from the validated value's root (`prefix` is where `found` is relative to). */
function describe(found: Issue, prefix = ""): string {
  const pointer = prefix + pointerOf(found.at);
  const alternatives = found.alternatives?.map((first) => describe(first, pointer)).join(" | ");
  return `${pointer || "/"}: ${found.text}${alternatives === undefined ? "" : ` (${alternatives})`}`;
}

/**
 * Mismatches between `value` and `schema`, each as `<JSON pointer>: expected …, got …`.
 * An empty list means the value conforms.
 */
export function validateAgainstSchema(value: unknown, schema: unknown, context: ValidationContext): string[] {
  const run: Run = { context, memo: new Map(), depth: 0 };
  return compile(schema, context.components)(value, run).map((found) => describe(found));
}
