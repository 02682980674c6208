// An uploaded CA's revocation list: where it comes from, how fresh it is, and how to set or replace it.
import { useState } from 'react';
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { announce, useTopicVersion } from '../../lib/changes';
import { errorStatus } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { ErrorMessages } from '../../components/ErrorMessages';
import type { Crl, MtlsCertificate } from '@portcullis/model';

export function CrlStatusCell({ accountId, ca }: { accountId: string; ca: MtlsCertificate }) {
  const api = useApi();
  const version = useTopicVersion('cas');
  const crl = useLoad(async (): Promise<Crl | null> => {
    try {
      return await api.mtlsCertificates.getCrl(accountId, ca.id);
    } catch (error) {
      if (errorStatus(error) === 404) return null;
      throw error;
    }
  }, [api, accountId, ca.id, version]);
  const [open, setOpen] = useState(false);
  const [source, setSource] = useState<'upload' | 'url'>('upload');
  const [text, setText] = useState('');
  const save = useAction(async () => {
    await api.mtlsCertificates.putCrl(
      accountId,
      ca.id,
      source === 'upload' ? { crl: text.trim() + '\n' } : { url: text.trim() },
    );
    setText('');
    setOpen(false);
    announce('cas');
  });
  const status = crl.data;
  const name = ca.name || ca.id;
  const stale = status?.next_update ? new Date(status.next_update).getTime() < Date.now() : false;
  return (
    <div>
      <ErrorMessages error={crl.error} />
      {status === null ? (
        <span className="warning small">No CRL: revocations by this CA are not checked.</span>
      ) : (
        status && (
          <div className="small">
            <div>
              {status.entries} revoked ·{' '}
              {status.source === 'url' ? `fetched from ${status.url ?? ''}` : 'uploaded'}
            </div>
            <div className={stale ? 'warning' : 'muted'}>
              next update {formatTime(status.next_update)}
              {stale ? ' (stale)' : ''}
            </div>
            {status.last_error && <div className="warning">{status.last_error}</div>}
          </div>
        )
      )}
      {open ? (
        <form
          aria-label={`CRL for ${name}`}
          onSubmit={(e) => {
            e.preventDefault();
            void save.run();
          }}
        >
          <label className="check">
            <input type="radio" checked={source === 'upload'} onChange={() => setSource('upload')} /> Paste a
            CRL
          </label>
          <label className="check">
            <input type="radio" checked={source === 'url'} onChange={() => setSource('url')} /> Fetch from a
            URL
          </label>
          <label htmlFor={`crl-${ca.id}`}>{source === 'upload' ? 'CRL (PEM)' : 'CRL URL'}</label>
          {source === 'upload' ? (
            <textarea
              id={`crl-${ca.id}`}
              rows={4}
              value={text}
              onChange={(e) => setText(e.target.value)}
              required
            />
          ) : (
            <input
              id={`crl-${ca.id}`}
              type="url"
              value={text}
              onChange={(e) => setText(e.target.value)}
              required
            />
          )}
          <div className="row">
            <button type="submit" disabled={save.pending}>
              Save CRL
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
          <ErrorMessages error={save.error} onDismiss={save.clearError} />
        </form>
      ) : (
        <button
          type="button"
          className="link"
          onClick={() => setOpen(true)}
          aria-label={`Set CRL for ${name}`}
        >
          {status ? 'Replace CRL' : 'Add CRL'}
        </button>
      )}
    </div>
  );
}
