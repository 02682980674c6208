import { describe, expect, it } from 'vitest';
import { emptyRuleForm, formProblems, formToRule, ruleToForm } from './rule-form';
import type { Rule } from '@portcullis/model';

describe('rule form', () => {
  it('sends a plain block rule without action parameters', () => {
    expect(formToRule({ ...emptyRuleForm('ssl', ' Require TLS ') })).toEqual({
      description: 'Require TLS',
      expression: 'ssl',
      action: 'block',
      enabled: true,
    });
  });

  it('sends a custom block response', () => {
    const rule = formToRule({
      ...emptyRuleForm('ssl'),
      customResponse: true,
      statusCode: 401,
      contentType: 'application/json',
      content: '{"error":"certificate required"}',
    });
    expect(rule.action_parameters).toEqual({
      response: {
        status_code: 401,
        content_type: 'application/json',
        content: '{"error":"certificate required"}',
      },
    });
  });

  it('skips the rest of the phase and logs when asked', () => {
    const rule = formToRule({ ...emptyRuleForm('ssl'), action: 'skip', logging: false });
    expect(rule.action_parameters).toEqual({ ruleset: 'current' });
    expect(rule.logging).toEqual({ enabled: false });
  });

  it('rejects a status outside 400–499 and a body over 2 KB', () => {
    const form = {
      ...emptyRuleForm('ssl'),
      customResponse: true,
      statusCode: 302,
      content: 'x'.repeat(2049),
    };
    expect(formProblems(form)).toHaveLength(2);
    expect(formProblems({ ...form, statusCode: 403, content: 'é'.repeat(1024) })).toEqual([]);
  });

  it('round-trips a rule read from the API', () => {
    const rule: Rule = {
      id: 'a'.repeat(32),
      ref: 'a'.repeat(32),
      version: '1',
      last_updated: '2026-01-01T00:00:00Z',
      action: 'block',
      action_parameters: { response: { status_code: 495, content_type: 'text/plain', content: 'no' } },
      expression: 'not cf.tls_client_auth.cert_verified',
      description: 'mTLS',
      enabled: false,
    };
    const back = formToRule(ruleToForm(rule));
    expect(back).toEqual({
      description: 'mTLS',
      expression: rule.expression,
      action: 'block',
      enabled: false,
      action_parameters: rule.action_parameters,
    });
  });
});
