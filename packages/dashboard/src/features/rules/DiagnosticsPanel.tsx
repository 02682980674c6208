// The live check's verdict: each problem with its line:col and message, and the caret rendering.
import type { CheckOutcome } from '../../lib/rules-engine';

export function DiagnosticsPanel({
  id,
  outcome,
  empty,
}: {
  id: string;
  outcome: CheckOutcome;
  empty: boolean;
}) {
  if (empty) {
    return (
      <p id={id} className="muted small" role="status">
        Type an expression, e.g. <code>not cf.tls_client_auth.cert_verified</code>.
      </p>
    );
  }
  if (outcome.ok) {
    return (
      <p id={id} className="ok small" role="status">
        ✓ Valid expression · reads {outcome.referencedFields.length} field
        {outcome.referencedFields.length === 1 ? '' : 's'}: {outcome.referencedFields.join(', ')}
      </p>
    );
  }
  return (
    <div id={id} className="diagnostics" role="status" aria-label="Expression problems">
      <ul>
        {outcome.diagnostics.map((d, i) => (
          <li key={i}>
            <span className="mono">
              {d.line}:{d.column}
            </span>{' '}
            {d.message} <span className="muted small">({d.code})</span>
          </li>
        ))}
      </ul>
      <pre className="caret" aria-label="Caret rendering">
        {outcome.rendered}
      </pre>
    </div>
  );
}
