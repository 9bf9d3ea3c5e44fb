import type { OpenAPITSOptions } from "openapi-typescript";

/**
 * Every option the pipeline passes to openapi-typescript, in one place. Defaults are spelt
 * out so that a change of default in a new openapi-typescript release shows up as a diff
 * here rather than as silently different output.
 */
export const GENERATOR_OPTIONS = {
  alphabetize: false,
  additionalProperties: false,
  arrayLength: false,
  defaultNonNullable: true,
  emptyObjectsUnknown: false,
  enum: false,
  excludeDeprecated: false,
  exportType: false,
  immutable: false,
  pathParamsAsTypes: false,
  propertiesRequiredByDefault: false,
  rootTypes: false,
  // Undeclared path parameters are declared by our own repair step, which reports them;
  // openapi-typescript's silent equivalent stays off so the two can never disagree.
  generatePathParams: false,
  silent: true,
} as const satisfies OpenAPITSOptions;
