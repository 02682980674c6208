// Issues a client certificate from the zone's managed CA: from a pasted CSR, or with a key generated for you.
import { useState, type FormEvent } from 'react';
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { announce } from '../../lib/changes';
import { ErrorMessages } from '../../components/ErrorMessages';
import { VALIDITY_PRESETS } from './statuses';
import type { ClientCertificate, ClientCertificateWithKey } from '@portcullis/model';

type KeyType = 'ecdsa-p256' | 'ecdsa-p384' | 'rsa-2048' | 'rsa-3072' | 'rsa-4096';
type SubjectFields = Partial<
  Record<'common_name' | 'organization' | 'organizational_unit' | 'country' | 'state' | 'location', string>
>;

const KEY_TYPES: readonly { value: KeyType; label: string }[] = [
  { value: 'ecdsa-p256', label: 'ECDSA P-256 (recommended)' },
  { value: 'ecdsa-p384', label: 'ECDSA P-384' },
  { value: 'rsa-2048', label: 'RSA 2048' },
  { value: 'rsa-3072', label: 'RSA 3072' },
  { value: 'rsa-4096', label: 'RSA 4096' },
];

const SUBJECT_FIELDS: readonly { key: keyof SubjectFields; label: string; placeholder: string }[] = [
  { key: 'common_name', label: 'Common name (CN)', placeholder: 'sensor-0042' },
  { key: 'organization', label: 'Organization (O)', placeholder: 'Example Ltd' },
  { key: 'organizational_unit', label: 'Organizational unit (OU)', placeholder: 'Devices' },
  { key: 'country', label: 'Country (C)', placeholder: 'GB' },
  { key: 'state', label: 'State (ST)', placeholder: 'London' },
  { key: 'location', label: 'Locality (L)', placeholder: 'London' },
];

export function CreateCertificateForm({
  zoneId,
  onIssued,
}: {
  zoneId: string;
  onIssued: (c: ClientCertificate | ClientCertificateWithKey) => void;
}) {
  const api = useApi();
  const [source, setSource] = useState<'generate' | 'csr'>('generate');
  const [keyType, setKeyType] = useState<KeyType>('ecdsa-p256');
  const [subject, setSubject] = useState<SubjectFields>({});
  const [csr, setCsr] = useState('');
  const [p12Password, setP12Password] = useState('');
  const [validity, setValidity] = useState(365);

  const create = useAction(async () => {
    const cleanSubject = Object.fromEntries(
      Object.entries(subject).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
    ) as SubjectFields;
    const issued =
      source === 'csr'
        ? await api.clientCertificates.create(zoneId, { csr: csr.trim() + '\n', validity_days: validity })
        : await api.clientCertificates.create(zoneId, {
            validity_days: validity,
            generate_key: {
              key_type: keyType,
              subject: cleanSubject,
              ...(p12Password === '' ? {} : { pkcs12_password: p12Password }),
            },
          });
    setCsr('');
    setP12Password('');
    setSubject({});
    announce('certificates');
    onIssued(issued);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };

  return (
    <form onSubmit={submit} aria-label="Create client certificate" className="grid-form">
      <span>Key</span>
      <fieldset className="row">
        <legend className="visually-hidden">Key source</legend>
        <label className="check">
          <input
            type="radio"
            name="key-source"
            checked={source === 'generate'}
            onChange={() => setSource('generate')}
          />
          Generate a private key for me
        </label>
        <label className="check">
          <input
            type="radio"
            name="key-source"
            checked={source === 'csr'}
            onChange={() => setSource('csr')}
          />
          Use my own CSR
        </label>
      </fieldset>
      {source === 'generate' ? (
        <>
          <label htmlFor="cert-key-type">Key type</label>
          <select id="cert-key-type" value={keyType} onChange={(e) => setKeyType(e.target.value as KeyType)}>
            {KEY_TYPES.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
          {SUBJECT_FIELDS.map((field) => (
            <SubjectInput
              key={field.key}
              id={`cert-subject-${field.key}`}
              label={field.label}
              placeholder={field.placeholder}
              value={subject[field.key] ?? ''}
              onChange={(value) => setSubject((s) => ({ ...s, [field.key]: value }))}
            />
          ))}
          <label htmlFor="cert-p12-password">PKCS#12 password (optional)</label>
          <div>
            <input
              id="cert-p12-password"
              type="password"
              autoComplete="new-password"
              minLength={4}
              maxLength={1024}
              value={p12Password}
              onChange={(e) => setP12Password(e.target.value)}
              aria-describedby="cert-p12-help"
            />
            <p id="cert-p12-help" className="muted">
              Also get a .p12 file (certificate, key and CA) to import into a browser, iOS, Android or Java.
            </p>
          </div>
        </>
      ) : (
        <>
          <label htmlFor="cert-csr">CSR (PEM)</label>
          <textarea
            id="cert-csr"
            rows={8}
            spellCheck={false}
            value={csr}
            onChange={(e) => setCsr(e.target.value)}
            placeholder={'-----BEGIN CERTIFICATE REQUEST-----\n…\n-----END CERTIFICATE REQUEST-----'}
            required
          />
        </>
      )}
      <label htmlFor="cert-validity">Validity</label>
      <div className="row">
        <select
          id="cert-validity"
          value={VALIDITY_PRESETS.some((p) => p.days === validity) ? String(validity) : 'custom'}
          onChange={(e) => e.target.value !== 'custom' && setValidity(Number(e.target.value))}
        >
          {VALIDITY_PRESETS.map((p) => (
            <option key={p.days} value={p.days}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom</option>
        </select>
        <label htmlFor="cert-validity-days" className="visually-hidden">
          Validity in days
        </label>
        <input
          id="cert-validity-days"
          type="number"
          min={1}
          max={36500}
          value={validity}
          onChange={(e) => setValidity(Number(e.target.value))}
          className="narrow"
        />
        <span className="muted">days</span>
      </div>
      <span />
      <div>
        <button type="submit" disabled={create.pending}>
          {create.pending ? 'Issuing…' : 'Create certificate'}
        </button>
      </div>
      <span />
      <ErrorMessages error={create.error} onDismiss={create.clearError} />
    </form>
  );
}

function SubjectInput(props: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
        spellCheck={false}
      />
    </>
  );
}
