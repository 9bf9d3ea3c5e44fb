import { expectTypeOf, test } from "vitest";

/**
 * Why a new optional parameter named like a member of Object.prototype is not a benign
 * change for a TypeScript client (test/support/additive-changes.ts leaves such names out
 * of its benign query parameters): TypeScript reads a property an object literal lacks off
 * Object's apparent members, so every call that leaves the parameter out stops compiling.
 */
test("an object without `toString` is not assignable to one with an optional `toString` of another type", () => {
  type Query = { time_after?: number; toString?: string[] };
  // @ts-expect-error the literal's toString is Object's `() => string`, not `string[] | undefined`
  const query: Query = { time_after: 1 };
  void query;
  expectTypeOf<{ time_after: number }>().not.toExtend<Query>();
  // A name Object does not have is optional as written.
  expectTypeOf<{ time_after: number }>().toExtend<{ time_after?: number; team?: string[] }>();
});
