// Shows an API error with every envelope message and its code, as an alert screen readers announce.
import { errorMessages } from '../lib/errors';

export function ErrorMessages({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  if (error === undefined || error === null) return null;
  const messages = errorMessages(error);
  return (
    <div role="alert" className="error">
      <ul>
        {messages.map((m, i) => (
          <li key={i}>
            {m.message} <span className="muted">({String(m.code)})</span>
          </li>
        ))}
      </ul>
      {onDismiss && (
        <button type="button" className="link" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
