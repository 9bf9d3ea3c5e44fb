import { describe, expect, test } from "vitest";
import { redirectTarget } from "../../../../scripts/lib/fetch/download.js";

describe("which redirects spec:fetch follows", () => {
  test.each([
    ["https → https", "https://docs.example/a.yaml", "https://cdn.example/a.yaml", "https://cdn.example/a.yaml"],
    ["http → https (an upgrade)", "http://127.0.0.1:1/a", "https://docs.example/a", "https://docs.example/a"],
    ["http → http", "http://127.0.0.1:1/a", "/b", "http://127.0.0.1:1/b"],
  ])("%s is followed", (_name, from, location, want) => {
    expect(redirectTarget(new URL(from), location).href).toBe(want);
  });

  test.each([
    [
      "https → http (a downgrade)",
      "https://docs.example/a",
      "http://docs.example/a",
      /downgrade from https is refused/,
    ],
    ["to file:", "https://docs.example/a", "file:///etc/passwd", /redirects to file: URL/],
    ["without a Location", "https://docs.example/a", null, /redirects without a Location/],
  ])("%s is refused", (_name, from, location, message) => {
    expect(() => redirectTarget(new URL(from), location)).toThrow(message);
  });
});
