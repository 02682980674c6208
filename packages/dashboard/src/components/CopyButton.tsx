// Copies a value to the clipboard and says so; falls back to selecting nothing when the API is absent.
import { useState } from 'react';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <button type="button" onClick={() => void copy()}>
      {label}
      <span aria-live="polite" className="muted">
        {state === 'copied' ? ' ✓ copied' : state === 'failed' ? ' (copy failed: select the text)' : ''}
      </span>
    </button>
  );
}
