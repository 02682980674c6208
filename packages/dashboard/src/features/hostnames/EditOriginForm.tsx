// Changes where a host's traffic goes: the origin URL, whether its certificate is verified, and against what.
import { useId, useState, type FormEvent } from 'react';
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { announce } from '../../lib/changes';
import { ErrorMessages } from '../../components/ErrorMessages';
import type { Hostname, Zone } from '@portcullis/model';

export function EditOriginForm({ zone, host, onDone }: { zone: Zone; host: Hostname; onDone: () => void }) {
  const api = useApi();
  const id = useId();
  const [origin, setOrigin] = useState(host.origin);
  const [tlsVerify, setTlsVerify] = useState(host.origin_tls_verify);
  const [originCa, setOriginCa] = useState(host.origin_ca ?? '');
  const save = useAction(async () => {
    await api.hostnames.update(zone.id, host.id, {
      origin: origin.trim(),
      origin_tls_verify: tlsVerify,
      origin_ca: originCa.trim() ? originCa.trim() + '\n' : null,
    });
    announce('hostnames');
    onDone();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  return (
    <form onSubmit={submit} aria-label={`Origin of ${host.hostname}`} className="grid-form subcard">
      <label htmlFor={`${id}-origin`}>Origin URL</label>
      <input
        id={`${id}-origin`}
        type="url"
        value={origin}
        onChange={(e) => setOrigin(e.target.value)}
        required
      />
      <span />
      <label className="check">
        <input type="checkbox" checked={tlsVerify} onChange={(e) => setTlsVerify(e.target.checked)} /> Verify
        the origin&apos;s TLS certificate
      </label>
      <label htmlFor={`${id}-ca`}>Origin CA bundle (PEM)</label>
      <textarea
        id={`${id}-ca`}
        rows={3}
        value={originCa}
        onChange={(e) => setOriginCa(e.target.value)}
        placeholder="Empty: verify against the system's trusted CAs"
      />
      <span />
      <div className="row">
        <button type="submit" disabled={save.pending}>
          Save origin
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      <span />
      <ErrorMessages error={save.error} onDismiss={save.clearError} />
    </form>
  );
}
