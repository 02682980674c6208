// Uploads a CA of your own (the issuing CA, PEM) to the account, so hosts can trust it.
import { useState, type FormEvent } from 'react';
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { announce } from '../../lib/changes';
import { ErrorMessages } from '../../components/ErrorMessages';

export function UploadCaForm({ accountId }: { accountId: string }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [pem, setPem] = useState('');
  const upload = useAction(async () => {
    await api.mtlsCertificates.create(accountId, {
      name: name.trim(),
      certificates: pem.trim() + '\n',
      ca: true,
    });
    setName('');
    setPem('');
    announce('cas');
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void upload.run();
  };
  return (
    <form onSubmit={submit} aria-label="Upload CA" className="grid-form">
      <label htmlFor="ca-name">CA name</label>
      <input id="ca-name" value={name} onChange={(e) => setName(e.target.value)} required />
      <label htmlFor="ca-pem">CA certificate (PEM)</label>
      <textarea
        id="ca-pem"
        rows={6}
        spellCheck={false}
        value={pem}
        onChange={(e) => setPem(e.target.value)}
        placeholder="The issuing CA (CA:TRUE), then its parents if any"
        required
      />
      <span />
      <div>
        <button type="submit" disabled={upload.pending}>
          Upload CA
        </button>
      </div>
      <span />
      <ErrorMessages error={upload.error} onDismiss={upload.clearError} />
    </form>
  );
}
