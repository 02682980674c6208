// Adds a host to the zone: its origin, its mTLS mode, and (by default) trust in the zone's managed CA.
import { useState, type FormEvent } from 'react';
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { announce } from '../../lib/changes';
import { ErrorMessages } from '../../components/ErrorMessages';
import { MTLS_MODES } from './mtls-modes';
import { qualifyHostname } from './add-host';
import type { MtlsMode, Zone } from '@portcullis/model';

export function AddHostForm({ zone }: { zone: Zone }) {
  const api = useApi();
  const [host, setHost] = useState('');
  const [origin, setOrigin] = useState('');
  const [mode, setMode] = useState<MtlsMode>('optional');
  const [tlsVerify, setTlsVerify] = useState(true);
  const [forward, setForward] = useState(false);
  const [trustManaged, setTrustManaged] = useState(true);
  const [originCa, setOriginCa] = useState('');
  const [edgeCertificate, setEdgeCertificate] = useState('');
  const [edgeKey, setEdgeKey] = useState('');
  const hostname = qualifyHostname(host, zone.name);

  const add = useAction(async () => {
    await api.hostnames.create(zone.id, {
      hostname,
      origin: origin.trim(),
      origin_tls_verify: tlsVerify,
      mtls_mode: mode,
      forward_client_certificate: forward,
      // Without an uploaded edge certificate, Portcullis issues one from its local edge CA.
      ...(originCa.trim() ? { origin_ca: originCa.trim() + '\n' } : {}),
      ...(edgeCertificate.trim()
        ? {
            edge_certificate: {
              certificate: edgeCertificate.trim() + '\n',
              private_key: edgeKey.trim() + '\n',
            },
          }
        : {}),
    });
    // The granular add (not the full-replace PUT) so two people adding hosts cannot undo each other.
    if (trustManaged) await api.hostnameAssociations.add(zone.id, hostname);
    setHost('');
    setOrigin('');
    setOriginCa('');
    setEdgeCertificate('');
    setEdgeKey('');
    announce('hostnames');
    announce('associations');
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add.run();
  };

  return (
    <form onSubmit={submit} aria-label="Add host" className="grid-form">
      <label htmlFor="host-name">Host</label>
      <div>
        <input
          id="host-name"
          value={host}
          onChange={(e) => setHost(e.target.value)}
          placeholder={`api.${zone.name}`}
          spellCheck={false}
          required
        />
        {host && hostname !== host.trim().toLowerCase() && <span className="muted small"> → {hostname}</span>}
      </div>
      <label htmlFor="host-origin">Origin URL</label>
      <input
        id="host-origin"
        type="url"
        value={origin}
        onChange={(e) => setOrigin(e.target.value)}
        placeholder="https://10.0.0.5:8443"
        required
      />
      <label htmlFor="host-mode">mTLS mode</label>
      <select id="host-mode" value={mode} onChange={(e) => setMode(e.target.value as MtlsMode)}>
        {MTLS_MODES.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </select>
      <span />
      <p className="muted small">{MTLS_MODES.find((m) => m.value === mode)?.help}</p>
      <span />
      <label className="check">
        <input type="checkbox" checked={tlsVerify} onChange={(e) => setTlsVerify(e.target.checked)} /> Verify
        the origin&apos;s TLS certificate
      </label>
      <span />
      <label className="check">
        <input type="checkbox" checked={forward} onChange={(e) => setForward(e.target.checked)} /> Forward
        client certificate headers to the origin
      </label>
      <span />
      <label className="check">
        <input type="checkbox" checked={trustManaged} onChange={(e) => setTrustManaged(e.target.checked)} />{' '}
        Trust the zone&apos;s managed CA on this host
      </label>
      <span />
      <details>
        <summary>Origin CA and edge certificate</summary>
        <div className="grid-form">
          <label htmlFor="host-origin-ca">Origin CA bundle (PEM)</label>
          <textarea
            id="host-origin-ca"
            rows={3}
            value={originCa}
            onChange={(e) => setOriginCa(e.target.value)}
            placeholder="Verify the origin against this CA instead of the system store"
          />
          <label htmlFor="host-edge-cert">Edge certificate (PEM)</label>
          <textarea
            id="host-edge-cert"
            rows={3}
            value={edgeCertificate}
            onChange={(e) => setEdgeCertificate(e.target.value)}
            placeholder="Leave empty to have Portcullis issue one from its edge CA"
          />
          <label htmlFor="host-edge-key">Edge private key (PEM)</label>
          <textarea
            id="host-edge-key"
            rows={3}
            value={edgeKey}
            onChange={(e) => setEdgeKey(e.target.value)}
            required={edgeCertificate.trim() !== ''}
          />
        </div>
      </details>
      <span />
      <div>
        <button type="submit" disabled={add.pending}>
          Add host
        </button>
      </div>
      <span />
      <ErrorMessages error={add.error} onDismiss={add.clearError} />
    </form>
  );
}
