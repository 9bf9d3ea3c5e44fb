import { expect, test } from "vitest";
import { DevinApiError, DevinConnectionError, DevinError, DevinTimeoutError, NotFoundError } from "../../src/errors.js";

/**
 * An application's own subclasses of the package's errors, as one writes them to tag or wrap
 * failures. `instanceof` compares class names across the ESM and CommonJS builds (errors.ts);
 * a subclass inherits a name it does not define, and must not be mistaken for the class it
 * extends.
 */
class AppConnectionError extends DevinConnectionError {}
class NamedAppError extends DevinError {
  override name = "NamedAppError";
}

const notFound = DevinApiError.generate(
  404,
  new Headers(),
  {},
  { method: "GET", url: "https://api.devin.ai/x", tries: 1 },
  "gone",
);

test.each([
  ["a DevinConnectionError is not an AppConnectionError", new DevinConnectionError("down"), AppConnectionError, false],
  ["a DevinTimeoutError is not an AppConnectionError", new DevinTimeoutError("slow"), AppConnectionError, false],
  ["a NotFoundError is not a NamedAppError", notFound, NamedAppError, false],
  ["a DevinError is not a NamedAppError", new DevinError("x"), NamedAppError, false],
  ["an AppConnectionError is an AppConnectionError", new AppConnectionError("down"), AppConnectionError, true],
  [
    "an AppConnectionError is a DevinConnectionError and a DevinError",
    new AppConnectionError("down"),
    DevinError,
    true,
  ],
  ["a NotFoundError is a NotFoundError", notFound, NotFoundError, true],
  ["a NamedAppError is a DevinError", new NamedAppError("x"), DevinError, true],
])("%s", (_name, error, Class, expected) => {
  expect(error instanceof (Class as typeof DevinError)).toBe(expected);
});
