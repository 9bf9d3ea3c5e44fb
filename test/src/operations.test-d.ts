import { describe, expectTypeOf, test } from "vitest";
import {
  type DevinApiError,
  type DevinClient,
  type DevinResponse,
  type InternalServerError,
  NotFoundError,
  type OperationError,
  type PaginatedPaths,
  UnprocessableEntityError,
} from "../../src/index.js";
import type { components as ListComponents, paths as ListPaths } from "../fixtures/generated/sessions-list/devin-v3.js";
import type { components as ThreeComponents, paths as ThreePaths } from "../fixtures/generated/three-ops/devin-v3.js";

/** The client as typed by the three published operations, and with the list operation too (both generated). */
declare const client: DevinClient<ThreePaths>;
declare const listing: DevinClient<ListPaths>;

type Session = ThreeComponents["schemas"]["SessionResponse"];
type Page = ListComponents["schemas"]["PaginatedResponse_SessionResponse_"];
const SESSION = "/v3/organizations/{org_id}/sessions/{devin_id}";
const SESSIONS = "/v3/organizations/{org_id}/sessions";

describe("every operation of the spec, one client", () => {
  test("call and callWithResponse resolve to the 2xx body the operation declares", () => {
    const path = { org_id: "org-1", devin_id: "devin-1" };
    expectTypeOf(client.call("GET", SESSION, { params: { path } })).resolves.toEqualTypeOf<Session>();
    const body = { prompt: "Fix the flaky test" };
    expectTypeOf(
      client.call("POST", SESSIONS, { params: { path: { org_id: "org-1" } }, body }),
    ).resolves.toEqualTypeOf<Session>();
    expectTypeOf(client.callWithResponse("GET", SESSION, { params: { path } })).resolves.toEqualTypeOf<
      DevinResponse<Session>
    >();
    expectTypeOf<DevinResponse<Session>["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<DevinResponse<Session>["headers"]>().toEqualTypeOf<Headers>();
  });

  test("mistakes are compile errors", () => {
    // @ts-expect-error a path parameter is missing
    void client.call("GET", SESSION, { params: { path: { org_id: "org-1" } } });
    // @ts-expect-error a path segment is never null (the repair narrowed it)
    void client.call("GET", SESSION, { params: { path: { org_id: "org-1", devin_id: null } } });
    // @ts-expect-error the request body is required
    void client.call("POST", SESSIONS, { params: { path: { org_id: "org-1" } } });
    // @ts-expect-error the body's required field
    void client.call("POST", SESSIONS, { params: { path: { org_id: "org-1" } }, body: {} });
    // @ts-expect-error init is required when the operation has required parameters
    void client.call("GET", SESSION);
    // @ts-expect-error a method the path does not have
    void client.call("DELETE", SESSION, { params: { path: { org_id: "o", devin_id: "d" } } });
    // @ts-expect-error a path in no spec
    void client.call("GET", "/v3/nothing", {});
    // @ts-expect-error maxRetries is a number
    void client.call("GET", SESSION, { params: { path: { org_id: "o", devin_id: "d" } }, maxRetries: "2" });
  });

  test("the thrown error is typed from the operation's error responses", () => {
    const caught: unknown = undefined;
    if (client.isErrorOf(caught, "POST", SESSIONS)) {
      expectTypeOf(caught).toExtend<DevinApiError>();
      if (caught instanceof UnprocessableEntityError) {
        expectTypeOf(caught.body).toEqualTypeOf<ThreeComponents["schemas"]["HTTPValidationError"]>();
      }
      // A status the operation does not declare: the class for it, its body unknown.
      if (caught instanceof NotFoundError) expectTypeOf(caught.body).toBeUnknown();
      if (caught.name === "UnprocessableEntityError") expectTypeOf(caught.body.detail).not.toBeAny();
    }
    type Thrown = OperationError<ThreePaths[typeof SESSIONS]["post"]>;
    expectTypeOf<Extract<Thrown, InternalServerError>["body"]>().toBeUnknown();
    // @ts-expect-error a method the path does not have
    client.isErrorOf(caught, "PUT", SESSIONS);
  });
});

describe("cursor pagination, detected from the spec's shape", () => {
  test("the list operation is paginated; no other operation is", () => {
    expectTypeOf<PaginatedPaths<ListPaths>>().toEqualTypeOf<typeof SESSIONS>();
    expectTypeOf<PaginatedPaths<ThreePaths>>().toBeNever();
  });

  test("paginate yields pages as the spec types them", async () => {
    for await (const page of listing.paginate(SESSIONS, {
      params: { path: { org_id: "org-1" }, query: { first: 50 } },
    })) {
      expectTypeOf(page).toEqualTypeOf<Page>();
      expectTypeOf(page.items).toEqualTypeOf<ListComponents["schemas"]["SessionResponse"][]>();
    }
    // @ts-expect-error not a paginated operation
    void listing.paginate(SESSION, { params: { path: { org_id: "o", devin_id: "d" } } });
  });

  test("by shape, not by name: a list named like one but without a cursor is not paginated, and any name with the shape is", () => {
    type Op<Query, Body> = {
      parameters: { query?: Query; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": Body } } };
    };
    type Shaped = { items: string[]; end_cursor?: string | null; has_next_page?: boolean };
    type Synthetic = {
      "/list-things": { get: Op<{ first?: number }, { items: string[] }> };
      "/offset-pages": { get: Op<{ offset?: number }, { items: string[]; has_next_page?: boolean }> };
      "/cursor-of-another-type": { get: Op<{ after?: number }, Shaped> };
      "/q": { get: Op<{ after?: string | null }, Shaped> };
    };
    expectTypeOf<PaginatedPaths<Synthetic>>().toEqualTypeOf<"/q">();
  });
});
