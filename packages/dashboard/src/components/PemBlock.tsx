// A read-only PEM text box with copy and download buttons.
import { useId } from 'react';
import { CopyButton } from './CopyButton';
import { downloadText } from '../lib/download';

export function PemBlock({ label, pem, filename }: { label: string; pem: string; filename: string }) {
  const id = useId();
  return (
    <div className="pem">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} readOnly value={pem} rows={Math.min(12, pem.split('\n').length)} spellCheck={false} />
      <div className="row">
        <CopyButton text={pem} label={`Copy ${label.toLowerCase()}`} />
        <button type="button" onClick={() => downloadText(filename, pem)}>
          Download {label.toLowerCase()}
        </button>
      </div>
    </div>
  );
}
