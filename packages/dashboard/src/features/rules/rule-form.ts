// The rule editor's form state and its conversion to the API's rule body.
import type { RuleInput } from '@portcullis/client';
import type { BlockResponse, Rule, RuleAction } from '@portcullis/model';

export const CONTENT_TYPES = ['text/plain', 'application/json', 'text/html', 'text/xml'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

/** Cloudflare's limit for a custom block response body. */
export const MAX_RESPONSE_BYTES = 2048;

export interface RuleFormState {
  description: string;
  expression: string;
  action: RuleAction;
  enabled: boolean;
  logging: boolean;
  customResponse: boolean;
  statusCode: number;
  contentType: ContentType;
  content: string;
}

export function emptyRuleForm(expression = '', description = ''): RuleFormState {
  return {
    description,
    expression,
    action: 'block',
    enabled: true,
    logging: true,
    customResponse: false,
    statusCode: 403,
    contentType: 'text/plain',
    content: '',
  };
}

export function ruleToForm(rule: Rule): RuleFormState {
  const response = rule.action_parameters?.response;
  const action: RuleAction = rule.action === 'skip' || rule.action === 'log' ? rule.action : 'block';
  return {
    description: rule.description ?? '',
    expression: rule.expression,
    action,
    enabled: rule.enabled !== false,
    logging: rule.logging?.enabled !== false,
    customResponse: response !== undefined,
    statusCode: response?.status_code ?? 403,
    contentType: (CONTENT_TYPES as readonly string[]).includes(response?.content_type ?? '')
      ? (response?.content_type as ContentType)
      : 'text/plain',
    content: response?.content ?? '',
  };
}

/** Problems with the non-expression parts of the form (the expression is checked by the engine). */
export function formProblems(form: RuleFormState): string[] {
  const problems: string[] = [];
  if (form.action === 'block' && form.customResponse) {
    if (!Number.isInteger(form.statusCode) || form.statusCode < 400 || form.statusCode > 499) {
      problems.push('the custom response status must be between 400 and 499');
    }
    if (new TextEncoder().encode(form.content).length > MAX_RESPONSE_BYTES) {
      problems.push(`the custom response body must be at most ${MAX_RESPONSE_BYTES} bytes`);
    }
  }
  return problems;
}

export function formToRule(form: RuleFormState): RuleInput {
  const rule: RuleInput = {
    description: form.description.trim(),
    expression: form.expression,
    action: form.action,
    enabled: form.enabled,
  };
  if (form.action === 'block' && form.customResponse) {
    const response: BlockResponse = {
      status_code: form.statusCode,
      content_type: form.contentType,
      content: form.content,
    };
    return withLogging({ ...rule, action_parameters: { response } }, form);
  }
  if (form.action === 'skip')
    return withLogging({ ...rule, action_parameters: { ruleset: 'current' } }, form);
  return withLogging(rule, form);
}

function withLogging(rule: RuleInput, form: RuleFormState): RuleInput {
  // Block and log matches always produce security events; skip logs only when asked.
  return form.action === 'skip' ? { ...rule, logging: { enabled: form.logging } } : rule;
}
