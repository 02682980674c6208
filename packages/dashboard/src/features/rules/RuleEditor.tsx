// Adds or edits one custom rule: expression checked live in the browser, action, custom response, test bench.
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { checkExpression, formatExpression } from '../../lib/rules-engine';
import { ErrorMessages } from '../../components/ErrorMessages';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { FieldPicker } from './FieldPicker';
import { ExpressionEditor } from './ExpressionEditor';
import { TestBench } from './TestBench';
import { CONTENT_TYPES, formProblems, formToRule, type ContentType, type RuleFormState } from './rule-form';
import type { RuleInput } from '@portcullis/client';
import type { RuleAction } from '@portcullis/model';

export function RuleEditor(props: {
  title: string;
  initial: RuleFormState;
  host: string;
  issuerSki: string;
  submitError: unknown;
  pending: boolean;
  onSubmit: (rule: RuleInput) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [form, setForm] = useState<RuleFormState>(props.initial);
  const set = <K extends keyof RuleFormState>(key: K, value: RuleFormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const outcome = useMemo(() => checkExpression(form.expression), [form.expression]);
  const textarea = useRef<HTMLTextAreaElement>(null);

  const insertField = (field: string) => {
    const el = textarea.current;
    const at = el ? el.selectionStart : form.expression.length;
    const end = el ? el.selectionEnd : at;
    const before = form.expression.slice(0, at);
    const spacer = before === '' || /[\s(]$/.test(before) ? '' : ' ';
    set('expression', before + spacer + field + form.expression.slice(end));
    requestAnimationFrame(() => {
      const caret = at + spacer.length + field.length;
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };
  const empty = form.expression.trim() === '';
  const problems = formProblems(form);
  const canDeploy = outcome.ok && !empty && problems.length === 0 && !props.pending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canDeploy) props.onSubmit(formToRule(form));
  };

  return (
    <form onSubmit={submit} aria-label={props.title} className="subcard">
      <h3>{props.title}</h3>
      <div className="grid-form">
        <label htmlFor={`${id}-description`}>Rule name</label>
        <input
          id={`${id}-description`}
          value={form.description}
          onChange={(e) => set('description', e.target.value)}
          placeholder="Require a valid client certificate"
        />
        <label htmlFor={`${id}-expression`}>Expression</label>
        <div>
          <ExpressionEditor
            textareaRef={textarea}
            id={`${id}-expression`}
            value={form.expression}
            onChange={(value) => set('expression', value)}
            diagnostics={outcome.ok ? [] : outcome.diagnostics}
            describedBy={`${id}-diagnostics`}
          />
          <DiagnosticsPanel id={`${id}-diagnostics`} outcome={outcome} empty={empty} />
          <div className="row">
            <FieldPicker onPick={insertField} />
            <button
              type="button"
              disabled={!outcome.ok}
              onClick={() => outcome.ok && set('expression', formatExpression(outcome.filter))}
            >
              Format expression
            </button>
          </div>
        </div>
        <label htmlFor={`${id}-action`}>Action</label>
        <select
          id={`${id}-action`}
          value={form.action}
          onChange={(e) => set('action', e.target.value as RuleAction)}
        >
          <option value="block">Block</option>
          <option value="skip">Skip the remaining custom rules</option>
          <option value="log">Log (dry run)</option>
        </select>
        {form.action === 'block' && (
          <>
            <span />
            <label className="check">
              <input
                type="checkbox"
                checked={form.customResponse}
                onChange={(e) => set('customResponse', e.target.checked)}
              />
              Custom response
            </label>
            {form.customResponse && (
              <>
                <label htmlFor={`${id}-status`}>Response status</label>
                <input
                  id={`${id}-status`}
                  type="number"
                  min={400}
                  max={499}
                  value={form.statusCode}
                  onChange={(e) => set('statusCode', Number(e.target.value))}
                  className="narrow"
                />
                <label htmlFor={`${id}-content-type`}>Response type</label>
                <select
                  id={`${id}-content-type`}
                  value={form.contentType}
                  onChange={(e) => set('contentType', e.target.value as ContentType)}
                >
                  {CONTENT_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
                <label htmlFor={`${id}-content`}>Response body</label>
                <textarea
                  id={`${id}-content`}
                  rows={3}
                  value={form.content}
                  onChange={(e) => set('content', e.target.value)}
                />
              </>
            )}
          </>
        )}
        {form.action === 'skip' && (
          <>
            <span />
            <label className="check">
              <input
                type="checkbox"
                checked={form.logging}
                onChange={(e) => set('logging', e.target.checked)}
              />
              Log requests that match
            </label>
          </>
        )}
        <span />
        <label className="check">
          <input type="checkbox" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} />
          Enabled
        </label>
      </div>
      {problems.length > 0 && (
        <ul role="alert" className="error small">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <TestBench outcome={outcome} action={form.action} host={props.host} issuerSki={props.issuerSki} />
      <ErrorMessages error={props.submitError} />
      <div className="row">
        <button type="submit" disabled={!canDeploy}>
          {props.pending ? 'Deploying…' : 'Deploy'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
