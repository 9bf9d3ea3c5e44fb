import type { Middleware } from "openapi-fetch";
import { componentSchemas, responseSchemas } from "../generated/devin-v3-schemas.js";
import { redactSecret } from "./auth.js";
import { DevinResponseValidationError } from "./errors.js";
import { summarise } from "./transport.js";
import { validateAgainstSchema } from "./validation.js";

/** The spec's schema for a response, by exact status or its `2XX` range. */
function schemaFor(method: string, schemaPath: string, status: number): unknown {
  const operation = `${method.toUpperCase()} ${schemaPath}`;
  const byStatus = Object.hasOwn(responseSchemas, operation) ? responseSchemas[operation] : undefined;
  return byStatus?.[String(status)] ?? byStatus?.[`${String(status)[0]}XX`];
}

/**
 * Checks each successful JSON response against the operation's response schema from the
 * spec (generated alongside the types, so the two never disagree) and throws
 * `DevinResponseValidationError` naming each mismatch by JSON pointer.
 */
export function responseValidationMiddleware(apiKey: string): Middleware {
  return {
    async onResponse({ request, response, schemaPath }) {
      if (!response.ok) return undefined;
      const schema = schemaFor(request.method, schemaPath, response.status);
      if (schema === undefined) return undefined;
      const text = await response.clone().text();
      let issues: string[];
      try {
        issues = validateAgainstSchema(JSON.parse(text), schema, { components: componentSchemas });
      } catch {
        issues = [`/: expected a JSON body, got ${JSON.stringify(text.slice(0, 40))}`];
      }
      if (issues.length > 0) {
        throw new DevinResponseValidationError(summarise(request, 1), redactSecret(issues, apiKey));
      }
      return undefined;
    },
  };
}
