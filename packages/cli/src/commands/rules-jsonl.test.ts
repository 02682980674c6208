// RulesLineEvaluator in-process: both corpora, caching, phases, and every kind of malformed line.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RulesLineEvaluator, type EvalAnswer } from './rules-jsonl.js';

interface CorpusCase {
  readonly id: string;
  readonly expression: string;
  readonly fields?: Record<string, unknown>;
  readonly expect?: boolean;
  readonly expect_error?: string;
  readonly phase?: string;
}

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'rules', 'test', 'fixtures');
const corpora = ['rules-conformance.json', 'rules-functions.json'].map((name) => ({
  name,
  cases: (JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as { cases: CorpusCase[] }).cases,
}));

function errorOf(answer: EvalAnswer | undefined): { category: string; code: string; message: string } {
  if (answer === undefined || !('error' in answer))
    throw new Error(`expected an error, got ${JSON.stringify(answer)}`);
  return answer.error;
}

describe('RulesLineEvaluator', () => {
  for (const corpus of corpora) {
    it(`answers every case of ${corpus.name} as the corpus expects`, () => {
      const evaluator = new RulesLineEvaluator();
      corpus.cases.forEach((c, index) => {
        const answer = evaluator.evaluate(JSON.stringify(c), index + 1);
        if (c.expect_error !== undefined) expect(errorOf(answer).category, c.id).toBe(c.expect_error);
        else expect(answer, c.id).toEqual({ result: c.expect });
      });
    });
  }

  it('reports expression errors with code, message and span', () => {
    const answer = new RulesLineEvaluator().evaluate('{"expression": "http.host eq", "fields": {}}', 1);
    expect(answer).toMatchObject({
      error: { category: 'parse', code: expect.stringMatching(/^RULES_/) as string },
    });
    const error = errorOf(answer) as { span?: [number, number] };
    expect(error.span).toHaveLength(2);
  });

  it('answers the same expression again from its cache, with other fields', () => {
    const evaluator = new RulesLineEvaluator();
    const line = (host: string): string =>
      JSON.stringify({ expression: 'http.host eq "a"', fields: { 'http.host': host } });
    expect(evaluator.evaluate(line('a'), 1)).toEqual({ result: true });
    expect(evaluator.evaluate(line('b'), 2)).toEqual({ result: false });
    expect(evaluator.evaluate(JSON.stringify({ expression: 'http.host eq "a"' }), 3)).toEqual({
      result: false,
    });
  });

  it('answers over-long expressions with a limit error every time', () => {
    const evaluator = new RulesLineEvaluator();
    const line = JSON.stringify({ expression: `http.host eq "${'a'.repeat(10_000)}"` });
    expect(errorOf(evaluator.evaluate(line, 1)).category).toBe('limit');
    expect(errorOf(evaluator.evaluate(line, 2)).category).toBe('limit');
  });

  it('picks the scheme from the phase', () => {
    const evaluator = new RulesLineEvaluator();
    const expression = 'to_string(cf.edge.server_port) eq "443"';
    const fields = { 'cf.edge.server_port': 443 };
    expect(evaluator.evaluate(JSON.stringify({ expression, fields, phase: 'transform' }), 1)).toEqual({
      result: true,
    });
    expect(errorOf(evaluator.evaluate(JSON.stringify({ expression, fields }), 2)).code).toBe(
      'RULES_FUNCTION_PHASE',
    );
    expect(errorOf(evaluator.evaluate(JSON.stringify({ expression, fields, phase: 'custom' }), 3)).code).toBe(
      'RULES_FUNCTION_PHASE',
    );
  });

  it('ignores blank lines and extra keys', () => {
    const evaluator = new RulesLineEvaluator();
    expect(evaluator.evaluate('   ', 1)).toBeUndefined();
    expect(
      evaluator.evaluate('{"id": "x", "expression": "ssl", "fields": {"ssl": true}, "expect": false}', 2),
    ).toEqual({
      result: true,
    });
  });

  it('treats a null field value as missing', () => {
    const evaluator = new RulesLineEvaluator();
    expect(
      evaluator.evaluate('{"expression": "http.host ne \\"a\\"", "fields": {"http.host": null}}', 1),
    ).toEqual({
      result: false,
    });
  });

  it('answers malformed lines with input errors naming the problem', () => {
    const evaluator = new RulesLineEvaluator();
    const cases: [string, string, string][] = [
      ['{"expression": ', 'CLI_INPUT_JSON', 'not valid JSON'],
      ['[1, 2]', 'CLI_INPUT_SHAPE', 'an array'],
      ['"ssl"', 'CLI_INPUT_SHAPE', 'a string'],
      ['null', 'CLI_INPUT_SHAPE', 'null'],
      ['{"fields": {}}', 'CLI_INPUT_SHAPE', '"expression" must be a string'],
      ['{"expression": 1}', 'CLI_INPUT_SHAPE', '"expression" must be a string'],
      ['{"expression": "ssl", "fields": []}', 'CLI_INPUT_SHAPE', '"fields" must be an object'],
      ['{"expression": "ssl", "fields": "x"}', 'CLI_INPUT_SHAPE', '"fields" must be an object'],
      ['{"expression": "ssl", "phase": "response"}', 'CLI_INPUT_PHASE', '"response"'],
      ['{"expression": "ssl", "phase": 1}', 'CLI_INPUT_PHASE', '"phase"'],
      ['{"expression": "ssl", "fields": {"no.such.field": 1}}', 'CLI_INPUT_FIELD', 'no.such.field'],
      ['{"expression": "ssl", "fields": {"constructor": 1}}', 'CLI_INPUT_FIELD', 'constructor'],
      ['{"expression": "ssl", "fields": {"ssl": "yes"}}', 'CLI_INPUT_VALUE', 'ssl'],
      ['{"expression": "ssl", "fields": {"ip.src": "not-an-ip"}}', 'CLI_INPUT_VALUE', 'ip.src'],
      [
        '{"expression": "ssl", "fields": {"cf.edge.server_port": 1.5}}',
        'CLI_INPUT_VALUE',
        'cf.edge.server_port',
      ],
      [
        '{"expression": "ssl", "fields": {"cf.edge.server_port": 9223372036854775807}}',
        'CLI_INPUT_VALUE',
        'range',
      ],
      [
        '{"expression": "ssl", "fields": {"http.request.headers": {"a": "b"}}}',
        'CLI_INPUT_VALUE',
        'http.request.headers',
      ],
      ['{"expression": "ssl", "fields": {"http.request.headers.names": [1]}}', 'CLI_INPUT_VALUE', 'names'],
    ];
    cases.forEach(([line, code, text], index) => {
      const error = errorOf(evaluator.evaluate(line, index + 7));
      expect(error.category, line).toBe('input');
      expect(error.code, line).toBe(code);
      expect(error.message, line).toContain(text);
      expect(error.message, line).toContain(`line ${index + 7}`);
    });
  });

  it('reports the expression error before any field problem', () => {
    const answer = new RulesLineEvaluator().evaluate('{"expression": "nope eq 1", "fields": {"bad": 1}}', 1);
    expect(errorOf(answer).category).toBe('unknown_field');
  });
});
