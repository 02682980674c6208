// Page requests: clamped once here so every list behaves the same on both dialects.
import type { Selectable, SelectQueryBuilder } from 'kysely';
import { StoreError } from './errors.js';
import type { Database } from './schema.js';
import type { Page, PageRequest } from './types.js';

/** The default and the largest `per_page`. */
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 1000;

/** A validated page request with its row offset. */
export interface PageWindow {
  readonly page: number;
  readonly per_page: number;
  readonly offset: number;
}

/** Validates a page request: page ≥ 1, per_page clamped into 1..1000. */
export function pageWindow(request: PageRequest = {}): PageWindow {
  const page = request.page ?? 1;
  const requested = request.per_page ?? DEFAULT_PER_PAGE;
  if (!Number.isSafeInteger(page) || page < 1) {
    throw new StoreError('STORE_INVALID_ARGUMENT', `invalid page ${String(page)}`);
  }
  if (!Number.isSafeInteger(requested) || requested < 1) {
    throw new StoreError('STORE_INVALID_ARGUMENT', `invalid per_page ${String(requested)}`);
  }
  const perPage = Math.min(requested, MAX_PER_PAGE);
  return { page, per_page: perPage, offset: (page - 1) * perPage };
}

/** Builds a page result. */
export function toPage<T>(window: PageWindow, items: T[], total: number | string | bigint): Page<T> {
  return { items, page: window.page, per_page: window.per_page, total_count: Number(total) };
}

/** Append-only tables listed newest first, by their insertion sequence `seq`. */
type SequencedTable = 'audit_log' | 'security_events';

/** One page of the rows `query` selects, newest (highest `seq`) first, with the count of them all. */
export async function newestFirstPage<TB extends SequencedTable, T>(
  query: SelectQueryBuilder<Database, TB, object>,
  window: PageWindow,
  toItem: (row: Selectable<Database[TB]>) => T,
): Promise<Page<T>> {
  const rows = await query
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(window.per_page)
    .offset(window.offset)
    .execute();
  const total = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  // Kysely cannot resolve the selected columns of a generic table; they are exactly the table's.
  return toPage(
    window,
    rows.map((row) => toItem(row as unknown as Selectable<Database[TB]>)),
    total.n,
  );
}
