import type { DevinInvalidResponseError as InvalidResponse } from "./errors.js";

type PageInit = { params?: { query?: Record<string, unknown> } };

/**
 * Every page of a cursor-paginated operation, in order: the first as `init` asks, each
 * next one with the previous page's `end_cursor` as `after`, until a page says
 * `has_next_page: false` (the published Devin pagination contract). A page that says
 * there is a next one but gives no cursor, or gives the cursor of an earlier page again,
 * throws `DevinInvalidResponseError` rather than stopping short or reading the same pages
 * forever. The error class is handed over by the caller, as for `apiFailure`.
 */
export async function* paginate<Page>(
  fetchPage: (init: PageInit) => Promise<Page>,
  operation: string,
  init: PageInit | undefined,
  DevinInvalidResponseError: typeof InvalidResponse,
): AsyncGenerator<Page, void, undefined> {
  let query = init?.params?.query;
  // A loop resumed from a saved cursor: a page that gives that cursor back is the same page again.
  const seen = new Set<string>(typeof query?.after === "string" ? [query.after] : []);
  for (let pages = 1; ; pages++) {
    const page = await fetchPage({ ...init, params: { ...init?.params, query } });
    yield page;
    const { has_next_page: hasNext, end_cursor: cursor } = (page ?? {}) as {
      has_next_page?: unknown;
      end_cursor?: unknown;
    };
    if (hasNext !== true) return;
    if (typeof cursor !== "string" || cursor === "") {
      throw new DevinInvalidResponseError(`${operation} answered has_next_page: true without an end_cursor`);
    }
    if (seen.has(cursor)) {
      throw new DevinInvalidResponseError(
        `${operation} answered the end_cursor of an earlier page again after ${pages} pages; stopped rather than loop`,
      );
    }
    seen.add(cursor);
    query = { ...query, after: cursor };
  }
}
