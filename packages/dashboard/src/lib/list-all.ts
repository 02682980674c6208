// Reads every page of a paginated list through the client, with a page cap so a huge list cannot hang the page.
import type { Page, PageOptions } from '@portcullis/client';

const PER_PAGE = 100;

export async function listAll<T>(
  fetchPage: (options: PageOptions) => Promise<Page<T>>,
  maxPages = 20,
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page <= maxPages; page += 1) {
    const { items, resultInfo } = await fetchPage({ page, per_page: PER_PAGE });
    all.push(...items);
    if (items.length === 0 || !resultInfo || page >= resultInfo.total_pages) break;
  }
  return all;
}
