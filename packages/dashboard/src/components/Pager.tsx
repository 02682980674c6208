// Previous/next paging for a server-side paginated list, with the position and total.
import type { ResultInfo } from '@portcullis/model';

export function Pager({
  info,
  label,
  onPage,
}: {
  info: ResultInfo | undefined;
  label: string;
  onPage: (page: number) => void;
}) {
  if (!info || info.total_pages <= 1) return null;
  return (
    <nav className="row small" aria-label={`${label} pages`}>
      <button type="button" disabled={info.page <= 1} onClick={() => onPage(info.page - 1)}>
        Previous
      </button>
      <span>
        Page {info.page} of {info.total_pages} · {info.total_count} {label}
      </span>
      <button type="button" disabled={info.page >= info.total_pages} onClick={() => onPage(info.page + 1)}>
        Next
      </button>
    </nav>
  );
}
