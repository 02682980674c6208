import { afterEach, describe, expect, it } from 'vitest';
import { checkExpression } from '../../lib/rules-engine';
import { TestBench } from './TestBench';
import { pinnedMtlsTemplate } from './templates';
import { button, byLabel, click, render, type, type Rendered } from '../../test-support/render';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

describe('TestBench', () => {
  it('evaluates the pinned template against the certificate presets and explains the result', () => {
    const outcome = checkExpression(pinnedMtlsTemplate(['api.example.com'], 'A5AC'));
    view = render(<TestBench outcome={outcome} action="block" host="api.example.com" issuerSki="A5AC" />);
    const { container } = view;
    const sample = JSON.parse(
      byLabel<HTMLTextAreaElement>(container, 'Sample fields (JSON)').value,
    ) as object;
    expect(Object.keys(sample).sort()).toEqual([
      'cf.tls_client_auth.cert_issuer_ski',
      'cf.tls_client_auth.cert_revoked',
      'cf.tls_client_auth.cert_verified',
      'http.host',
    ]);

    click(button(container, 'Valid certificate'));
    expect(container.textContent).toContain('Does not match');
    click(button(container, 'Certificate from another CA'));
    expect(container.textContent).toContain("Matches: this request would get the rule's action (block)");
    click(button(container, 'Revoked certificate'));
    expect(container.textContent).toContain('Matches');
    // The trace shows the value of each sub-expression.
    expect(container.querySelector('.trace')?.textContent).toContain(
      'cf.tls_client_auth.cert_revoked → true',
    );
  });

  it('says when the sample is not usable', () => {
    const outcome = checkExpression('http.host eq "a"');
    view = render(<TestBench outcome={outcome} action="block" host="a" issuerSki="" />);
    const sample = byLabel<HTMLTextAreaElement>(view.container, 'Sample fields (JSON)');
    type(sample, '{ not json');
    expect(view.container.querySelector('[role="alert"]')?.textContent).toContain('not a JSON object');
    type(sample, '{"http.host": 5}');
    expect(view.container.querySelector('[role="alert"]')?.textContent).toMatch(/http\.host/);
  });
});
