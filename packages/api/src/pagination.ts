// v4 page pagination: `page` / `per_page` (or Cloudflare's `limit` / `offset`) in, `result_info` out.
import { resultInfo } from '@portcullis/model';
import type { ResultInfo } from '@portcullis/model';
import { Type } from 'typebox';

/** Largest `per_page` accepted. */
export const maxPerPage = 1000;
/** `per_page` when none is given (Cloudflare's default for these lists). */
export const defaultPerPage = 20;

/** Query-string properties shared by paginated lists. */
export const pageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, description: 'page number, from 1' })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: maxPerPage, description: 'items per page' })),
};

/** Paging parameters as the query string carries them. */
export interface PageParams {
  page?: number | undefined;
  per_page?: number | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** An offset window over a list, resolved from {@link PageParams}. */
export interface PageWindow {
  page: number;
  perPage: number;
  offset: number;
}

/** Resolves `page`/`per_page` (or, when given, `limit`/`offset`) to an offset window. */
export function resolveWindow(params: PageParams): PageWindow {
  const perPage = params.limit ?? params.per_page ?? defaultPerPage;
  if (params.offset !== undefined || params.limit !== undefined) {
    const offset = params.offset ?? 0;
    return { page: Math.floor(offset / perPage) + 1, perPage, offset };
  }
  const pageNumber = params.page ?? 1;
  return { page: pageNumber, perPage, offset: (pageNumber - 1) * perPage };
}

/** Applies a window to a whole list and returns the page and its `result_info`. */
export function paginate<T>(items: readonly T[], params: PageParams): { items: T[]; info: ResultInfo } {
  const window = resolveWindow(params);
  const slice = items.slice(window.offset, window.offset + window.perPage);
  return { items: slice, info: resultInfo(window.page, window.perPage, slice.length, items.length) };
}

/** `result_info` for a page fetched from the store with a total count. */
export function pageInfo(window: PageWindow, count: number, totalCount: number): ResultInfo {
  return resultInfo(window.page, window.perPage, count, totalCount);
}
