// Sign-in: the user pastes an API token; it is checked against the API before it is kept for the tab.
import { useState, type FormEvent } from 'react';
import { clientFor } from '../../lib/api-context';
import { ErrorMessages } from '../../components/ErrorMessages';

export function LoginPage(props: { notice: string | null; onSignedIn: (token: string) => void }) {
  const { onSignedIn } = props;
  const [token, setToken] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) return;
    setPending(true);
    setError(undefined);
    try {
      await clientFor(value).tokens.verify();
      onSignedIn(value);
    } catch (reason) {
      setError(reason);
    } finally {
      setPending(false);
    }
  };

  return (
    <main className="login">
      <h1>Portcullis</h1>
      {props.notice && (
        <p role="alert" className="warning">
          {props.notice}
        </p>
      )}
      <p className="muted">
        Sign in with an API token. It is kept in this tab only and sent as a bearer token.
      </p>
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label htmlFor="api-token">API token</label>
        <input
          id="api-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
        />
        <button type="submit" disabled={pending || token.trim() === ''}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <ErrorMessages error={error} />
      <p className="muted small">
        No token yet? On first start <code>portcullis serve</code> writes an administrator token to the file{' '}
        <code>admin-token</code> in its data directory.
      </p>
    </main>
  );
}
