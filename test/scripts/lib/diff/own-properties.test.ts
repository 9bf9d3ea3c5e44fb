import { expect, test } from "vitest";
import { diffDocuments } from "../../../../scripts/lib/diff/diff-documents.js";
import type { OpenApiDocument } from "../../../../scripts/lib/document/model.js";
import { documentWith } from "../../../fixtures/rule-cases.js";

/**
 * Maps read from a document (`patternProperties`, `dependentSchemas`, discriminator
 * mappings, security schemes, component names) are looked up by own property only: an
 * entry named like a method of `Object.prototype` is an entry like any other, so its
 * removal is found and rated by its rule, not taken for present.
 */
const reported = (base: OpenApiDocument, revision: OpenApiDocument) =>
  diffDocuments(base, revision).changes.map(({ id, level }) => ({ id, level }));

const NAMES = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"];

test.each(NAMES)("a patternProperties entry named %s removed from a response: breaking", (name) => {
  const entry = JSON.parse(`{"${name}": {"type": "string"}}`);
  const schema = (patternProperties?: unknown) => ({
    type: "object",
    properties: { p: { type: "object", ...(patternProperties ? { patternProperties } : {}) } },
  });
  expect(reported(documentWith("response", "body", schema(entry)), documentWith("response", "body", schema()))).toEqual(
    [{ id: "response-property-pattern-property-removed", level: "breaking" }],
  );
});

test.each(NAMES)("a dependentSchemas entry named %s removed from a response: breaking", (name) => {
  const entry = JSON.parse(`{"${name}": {"required": ["b"]}}`);
  const schema = (dependentSchemas?: unknown) => ({
    type: "object",
    ...(dependentSchemas ? { dependentSchemas } : {}),
  });
  expect(reported(documentWith("response", "body", schema(entry)), documentWith("response", "body", schema()))).toEqual(
    [{ id: "response-body-dependent-schema-removed", level: "breaking" }],
  );
});

test.each(NAMES)("a discriminator mapping for %s removed: reported", (name) => {
  const discriminator = (mapping?: unknown) => ({
    type: "object",
    properties: { kind: { type: "string" } },
    discriminator: { propertyName: "kind", ...(mapping ? { mapping } : {}) },
  });
  const mapping = JSON.parse(`{"${name}": "#/components/schemas/A"}`);
  const [base, revision] = [discriminator(mapping), discriminator()];
  expect(reported(documentWith("request", "body", base), documentWith("request", "body", revision))).toEqual([
    { id: "request-body-discriminator-mapping-deleted", level: "info" },
  ]);
  expect(reported(documentWith("request", "body", revision), documentWith("request", "body", base))).toEqual([
    { id: "request-body-discriminator-mapping-added", level: "info" },
  ]);
});

test.each(NAMES)("a security scheme named %s removed and added: reported", (name) => {
  const withScheme = (present: boolean): OpenApiDocument => ({
    ...documentWith("request", "body", { type: "string" }),
    components: {
      securitySchemes: present ? JSON.parse(`{"${name}": {"type": "http", "scheme": "bearer"}}`) : {},
    },
  });
  expect(reported(withScheme(true), withScheme(false))).toEqual([
    { id: "api-security-component-removed", level: "info" },
  ]);
  expect(reported(withScheme(false), withScheme(true))).toEqual([
    { id: "api-security-component-added", level: "info" },
  ]);
});
