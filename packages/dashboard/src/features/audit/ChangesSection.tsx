// The zone's recent changes from the audit log: who changed what and when, newest first, a page at a time.
import { useState } from 'react';
import type { AuditEntry, Zone } from '@portcullis/model';
import { useApi } from '../../lib/api-context';
import { useLoad } from '../../lib/use-load';
import { useTopicVersion } from '../../lib/changes';
import { formatTime } from '../../lib/format';
import { ErrorMessages } from '../../components/ErrorMessages';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';

const PER_PAGE = 20;

/** Who made a change, in words: the token's name (or id), the CLI, or Portcullis itself. */
export function actorLabel(entry: AuditEntry): string {
  const { actor } = entry;
  if (actor.type === 'system') return 'Portcullis';
  const who = actor.name ?? actor.id ?? actor.type;
  return actor.type === 'cli' ? `CLI (${who})` : who;
}

/** The details of a change on one line, keys in order, long values cut (the API never puts secrets there). */
export function detailsLine(details: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(details).map(([key, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `${key}: ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`;
  });
  return parts.join(' · ');
}

export function ChangesSection({ zone }: { zone: Zone }) {
  const api = useApi();
  const [page, setPage] = useState(1);
  const version = useTopicVersion('hostnames', 'certificates', 'cas', 'rules', 'associations');
  const changes = useLoad(
    () => api.auditLog.list(zone.account.id, { zone_id: zone.id, page, per_page: PER_PAGE }),
    [api, zone.account.id, zone.id, page, version],
  );
  const info = changes.data?.resultInfo;
  const pages = info?.total_pages ?? 1;
  return (
    <Section
      title="Recent changes"
      actions={
        <button type="button" onClick={changes.reload}>
          Refresh
        </button>
      }
    >
      {changes.error !== undefined && <ErrorMessages error={changes.error} />}
      {changes.data === undefined && changes.error === undefined && <Loading what="changes" />}
      {changes.data !== undefined && changes.data.items.length === 0 && (
        <p className="muted">No changes recorded for this zone yet.</p>
      )}
      {changes.data !== undefined && changes.data.items.length > 0 && (
        <>
          <table aria-label="Recent changes">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Resource</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {changes.data.items.map((entry) => (
                <tr key={entry.id}>
                  <td className="nowrap">{formatTime(entry.when)}</td>
                  <td title={entry.actor.ip ?? undefined}>{actorLabel(entry)}</td>
                  <td>{entry.action}</td>
                  <td>
                    {entry.resource.type}
                    {entry.resource.id !== null && <span className="muted small"> {entry.resource.id}</span>}
                  </td>
                  <td className="small">{detailsLine(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pages > 1 && (
            <nav aria-label="Changes pages" className="row">
              <button type="button" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                Newer
              </button>
              <span className="small muted">
                page {page} of {pages}
              </span>
              <button type="button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
                Older
              </button>
            </nav>
          )}
        </>
      )}
    </Section>
  );
}
