import { afterEach, describe, expect, it, vi } from 'vitest';
import { cloudflareScheme, compile, format, renderDiagnostics } from '@portcullis/rules';
import { RuleEditor } from './RuleEditor';
import { emptyRuleForm } from './rule-form';
import { button, byLabel, click, render, select, type, type Rendered } from '../../test-support/render';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

function renderEditor(onSubmit = vi.fn()) {
  view = render(
    <RuleEditor
      title="Add rule"
      initial={emptyRuleForm()}
      host="api.example.com"
      issuerSki="A5AC"
      submitError={undefined}
      pending={false}
      onSubmit={onSubmit}
      onCancel={() => {}}
    />,
  );
  return { container: view.container, onSubmit };
}

describe('RuleEditor', () => {
  it('shows each problem with line:col, the caret rendering and an underline, and keeps Deploy off', () => {
    const { container } = renderEditor();
    const expression = 'http.host eq "a" and\n  ip.src in {10.0.0.0/33}';
    type(byLabel<HTMLTextAreaElement>(container, 'Expression'), expression);

    const result = compile(expression, cloudflareScheme);
    if (result.ok) throw new Error('expected a diagnostic');
    const rendered = renderDiagnostics(expression, result.diagnostics);
    expect(container.querySelector('pre.caret')?.textContent).toBe(rendered);
    const position = /\((\d+:\d+)\)/.exec(rendered)?.[1];
    expect(position).toBe('2:14');
    expect(container.querySelector('.diagnostics li')?.textContent).toContain(
      `2:14 ${result.diagnostics[0]!.message}`,
    );
    const [start, end] = result.diagnostics[0]!.span;
    expect(container.querySelector('mark.diagnostic-span')?.textContent).toBe(expression.slice(start, end));
    expect(button(container, 'Deploy').disabled).toBe(true);
  });

  it('sends the rule once the expression is valid', () => {
    const { container, onSubmit } = renderEditor();
    type(byLabel<HTMLTextAreaElement>(container, 'Expression'), 'not cf.tls_client_auth.cert_verified');
    type(byLabel(container, 'Rule name'), 'mTLS');
    select(byLabel<HTMLSelectElement>(container, 'Action'), 'log');
    expect(container.textContent).toContain('Valid expression');
    expect(container.querySelector('mark.diagnostic-span')).toBeNull();
    click(button(container, 'Deploy'));
    expect(onSubmit).toHaveBeenCalledWith({
      description: 'mTLS',
      expression: 'not cf.tls_client_auth.cert_verified',
      action: 'log',
      enabled: true,
    });
  });

  it('inserts a picked field at the cursor and formats the expression canonically', () => {
    const { container } = renderEditor();
    const expression = byLabel<HTMLTextAreaElement>(container, 'Expression');
    type(expression, 'not');
    expression.setSelectionRange(3, 3);
    const picker = container.querySelector<HTMLSelectElement>('select[aria-label="Insert a field"]')!;
    select(picker, 'cf.tls_client_auth.cert_verified');
    expect(expression.value).toBe('not cf.tls_client_auth.cert_verified');
    type(expression, '(  ssl   and not cf.tls_client_auth.cert_revoked )');
    click(button(container, 'Format expression'));
    expect(expression.value).toBe(formatted('(  ssl   and not cf.tls_client_auth.cert_revoked )'));
    expect(expression.value).not.toContain('  ');
  });

  it('refuses a custom response status outside 400–499', () => {
    const { container } = renderEditor();
    type(byLabel<HTMLTextAreaElement>(container, 'Expression'), 'ssl');
    click(byLabel(container, 'Custom response'));
    type(byLabel(container, 'Response status'), '302');
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('between 400 and 499');
    expect(button(container, 'Deploy').disabled).toBe(true);
  });
});

function formatted(expression: string): string {
  return format(expression);
}
