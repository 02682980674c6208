// Evaluates the expression being edited against sample fields, before it is deployed, and explains why.
import { useEffect, useState } from 'react';
import { evaluate, type CheckOutcome } from '../../lib/rules-engine';
import { certificatePreset, defaultSampleValue, type CertificatePreset } from './samples';
import { TraceView } from './TraceView';

const PRESETS: readonly { value: CertificatePreset; label: string }[] = [
  { value: 'none', label: 'No certificate' },
  { value: 'valid', label: 'Valid certificate' },
  { value: 'revoked', label: 'Revoked certificate' },
  { value: 'other-ca', label: 'Certificate from another CA' },
];

export function TestBench(props: { outcome: CheckOutcome; action: string; host: string; issuerSki: string }) {
  const { outcome, host, issuerSki } = props;
  const fields = outcome.ok ? outcome.referencedFields : [];
  const fieldsKey = fields.join('\n');
  const [sampleText, setSampleText] = useState('{}');

  // Keep the sample in step with the fields the expression reads: add missing ones, keep edits.
  useEffect(() => {
    if (!fieldsKey) return;
    setSampleText((text) => {
      const current = parseSample(text) ?? {};
      const next: Record<string, unknown> = {};
      for (const field of fieldsKey.split('\n')) {
        next[field] = field in current ? current[field] : defaultSampleValue(field, host, issuerSki);
      }
      return JSON.stringify(next, null, 2);
    });
  }, [fieldsKey, host, issuerSki]);

  const applyPreset = (preset: CertificatePreset) => {
    const current = parseSample(sampleText) ?? {};
    const values = certificatePreset(preset, issuerSki);
    const next = { ...current };
    for (const [name, value] of Object.entries(values)) if (name in current) next[name] = value;
    setSampleText(JSON.stringify(next, null, 2));
  };

  const sample = parseSample(sampleText);
  // Evaluation is microseconds: run it on every render rather than memoising.
  const result = outcome.ok && sample ? evaluate(outcome.filter, sample) : null;

  return (
    <div className="subcard" role="group" aria-label="Test bench">
      <h4>Test bench</h4>
      {!outcome.ok ? (
        <p className="muted small">Fix the expression to test it.</p>
      ) : (
        <>
          <div className="row">
            {PRESETS.map((p) => (
              <button type="button" key={p.value} onClick={() => applyPreset(p.value)}>
                {p.label}
              </button>
            ))}
          </div>
          <label htmlFor="bench-sample">Sample fields (JSON)</label>
          <textarea
            id="bench-sample"
            rows={Math.min(14, sampleText.split('\n').length + 1)}
            spellCheck={false}
            value={sampleText}
            onChange={(e) => setSampleText(e.target.value)}
            aria-invalid={sample === null}
          />
          {sample === null ? (
            <p role="alert" className="error small">
              The sample is not a JSON object of field names to values.
            </p>
          ) : result && !result.ok ? (
            <p role="alert" className="error small">
              {result.message}
            </p>
          ) : (
            result && (
              <div role="status" aria-label="Test result">
                <p className={result.matched ? 'warning' : 'ok'}>
                  {result.matched
                    ? `Matches: this request would get the rule's action (${props.action}).`
                    : 'Does not match: the rule would not apply to this request.'}
                </p>
                {result.trace && <TraceView node={result.trace} />}
              </div>
            )
          )}
        </>
      )}
    </div>
  );
}

function parseSample(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
