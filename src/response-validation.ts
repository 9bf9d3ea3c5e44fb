import type { Middleware } from "openapi-fetch";
import { componentSchemas, responseSchemas } from "../generated/devin-v3-schemas.js";
import type { heldText as HeldText } from "./buffered-response.js";
import type {
  DevinInvalidResponseError as InvalidResponse,
  DevinResponseValidationError as Mismatch,
} from "./errors.js";
import { redactor } from "./redact.js";
import type { summarise as Summarise } from "./transport.js";
import { validateAgainstSchema } from "./validation.js";

/** The spec's schema for a response, by exact status or its `2XX` range. */
function schemaFor(method: string, schemaPath: string, status: number): unknown {
  const operation = `${method.toUpperCase()} ${schemaPath}`;
  const byStatus = Object.hasOwn(responseSchemas, operation) ? responseSchemas[operation] : undefined;
  return byStatus?.[String(status)] ?? byStatus?.[`${String(status)[0]}XX`];
}

/** Longest text kept of one issue (a property name from the server may be long); the rest is cut. */
const MAX_ISSUE_LENGTH = 300;

/**
 * Checks each successful JSON response against the operation's response schema from the
 * spec (generated alongside the types, so the two never disagree) and throws
 * `DevinResponseValidationError` naming each mismatch by JSON pointer; a body that is not
 * JSON throws `DevinInvalidResponseError`, without quoting it. The key is redacted from
 * every value shown before it is cut, and from every issue. What it uses of the modules
 * loaded up front is handed over by the caller, as for `apiFailure`.
 */
export function responseValidationMiddleware(
  apiKey: string,
  heldText: typeof HeldText,
  summarise: typeof Summarise,
  DevinInvalidResponseError: typeof InvalidResponse,
  DevinResponseValidationError: typeof Mismatch,
): Middleware {
  const redact = redactor(apiKey);
  const context = { components: componentSchemas, redact };
  return {
    async onResponse({ request, response, schemaPath }) {
      if (!response.ok) return undefined;
      const schema = schemaFor(request.method, schemaPath, response.status);
      if (schema === undefined) return undefined;
      // The transport holds every body it hands over; a clone is only for a response from elsewhere.
      const text = heldText(response) ?? (await response.clone().text());
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        const { method, url } = summarise(request, 1);
        throw new DevinInvalidResponseError(
          `${method} ${url} answered ${response.status} with a body that is not JSON`,
        );
      }
      const issues = validateAgainstSchema(body, schema, context);
      if (issues.length > 0) {
        const shown = issues.map((found) => {
          const safe = redact.text(found);
          return safe.length > MAX_ISSUE_LENGTH ? `${safe.slice(0, MAX_ISSUE_LENGTH)}…` : safe;
        });
        throw new DevinResponseValidationError(summarise(request, 1), shown);
      }
      return undefined;
    },
  };
}
