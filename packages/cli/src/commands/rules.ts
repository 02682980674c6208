// `portcullis rules check|eval`: validate a Rules-language expression, or evaluate JSON lines of expressions and fields.
import { once } from 'node:events';
import { Option, type Command } from 'commander';
import { cloudflareScheme, compile, format, renderDiagnostics, transformScheme } from '@portcullis/rules';
import { CliError } from '../errors.js';
import { exitCodes } from '../exit-codes.js';
import { readLineBatches } from './json-lines.js';
import { inputError, RulesLineEvaluator, type EvalAnswer } from './rules-jsonl.js';

/** Longest expression `rules check -` reads from standard input (Cloudflare's limit is 4,096 characters). */
const MAX_STDIN_EXPRESSION_BYTES = 1024 * 1024;

const PHASES = ['custom', 'transform'] as const;
type PhaseName = (typeof PHASES)[number];

async function readExpressionFromStdin(): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_STDIN_EXPRESSION_BYTES)
      throw new CliError(
        'CLI_INPUT',
        `the expression on standard input is longer than ${MAX_STDIN_EXPRESSION_BYTES} bytes`,
      );
    parts.push(chunk);
  }
  return Buffer.concat(parts)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

function answerLine(answer: EvalAnswer): string {
  return `${JSON.stringify(answer)}\n`;
}

/** Runs `rules check`: prints OK (exit 0) or the diagnostics block (exit 1). */
async function runCheck(expressionArg: string, options: { phase: PhaseName; json?: boolean }): Promise<void> {
  const expression = expressionArg === '-' ? await readExpressionFromStdin() : expressionArg;
  const scheme = options.phase === 'transform' ? transformScheme : cloudflareScheme;
  const result = compile(expression, scheme);
  if (options.json === true) {
    const body = result.ok
      ? { ok: true, referencedFields: [...result.filter.referencedFields] }
      : { ok: false, diagnostics: result.diagnostics };
    await write(process.stdout, `${JSON.stringify(body)}\n`);
  } else if (result.ok) {
    await write(process.stdout, 'OK\n');
  } else {
    const block = renderDiagnostics(expression, result.diagnostics);
    await write(process.stdout, block.endsWith('\n') ? block : `${block}\n`);
  }
  process.exitCode = result.ok ? exitCodes.ok : exitCodes.invalid;
}

/** Runs `rules format`: prints the canonical form of a valid expression (exit 0) or the diagnostics block (exit 1). */
async function runFormat(expressionArg: string, options: { phase: PhaseName }): Promise<void> {
  const expression = expressionArg === '-' ? await readExpressionFromStdin() : expressionArg;
  const result = compile(expression, options.phase === 'transform' ? transformScheme : cloudflareScheme);
  if (result.ok) {
    await write(process.stdout, `${format(result.filter)}\n`);
  } else {
    const block = renderDiagnostics(expression, result.diagnostics);
    await write(process.stdout, block.endsWith('\n') ? block : `${block}\n`);
  }
  process.exitCode = result.ok ? exitCodes.ok : exitCodes.invalid;
}

/**
 * Runs `rules eval --jsonl`: streams standard input line by line and answers each non-blank line in
 * order, writing the answers of one input chunk together and waiting for the consumer when it is slow.
 */
async function runEvalJsonl(): Promise<void> {
  const evaluator = new RulesLineEvaluator();
  let closed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (e.g. `| head`): stop quietly.
    if (error.code === 'EPIPE') {
      closed = true;
      process.exitCode = exitCodes.ok;
      process.stdin.destroy();
    }
  });
  for await (const batch of readLineBatches(process.stdin as AsyncIterable<Buffer>)) {
    let out = '';
    for (const line of batch) {
      const answer =
        'problem' in line
          ? inputError(
              line.problem === 'too_long' ? 'CLI_INPUT_TOO_LONG' : 'CLI_INPUT_ENCODING',
              line.number,
              line.message,
            )
          : evaluator.evaluate(line.text, line.number);
      if (answer !== undefined) out += answerLine(answer);
    }
    if (closed) break;
    try {
      if (out !== '') await write(process.stdout, out);
    } catch (error) {
      if (closed) break;
      throw error;
    }
  }
}

/** Registers `rules check` and `rules eval`. */
export function registerRulesCommands(program: Command): void {
  const rules = program
    .command('rules')
    .summary('check and evaluate Cloudflare Rules-language expressions')
    .description(
      'Check and evaluate expressions in the Cloudflare Rules language, offline, with the engine the edge runs.',
    );

  rules
    .command('check')
    .summary('check an expression; prints OK or the diagnostics')
    .description(
      'Check EXPRESSION against the Cloudflare field scheme ("-" reads it from standard input).\n' +
        'Prints OK and exits 0, or prints the "Filter parsing error" block and exits 1.',
    )
    .argument('<expression>', 'the expression, or - to read it from standard input')
    .addOption(
      new Option('--phase <phase>', 'the rule phase whose functions are allowed')
        .choices(PHASES)
        .default('custom'),
    )
    .option('--json', 'print {"ok": …, "diagnostics"|"referencedFields": …} as JSON instead')
    .action(async (expression: string, options: { phase: PhaseName; json?: boolean }) => {
      await runCheck(expression, options);
    });

  rules
    .command('format')
    .summary('print an expression in canonical form')
    .description(
      'Print EXPRESSION in canonical form (one spelling per operator, normalised spacing and literals),\n' +
        'which parses back to the same expression ("-" reads it from standard input). An invalid\n' +
        'expression prints the diagnostics block and exits 1.',
    )
    .argument('<expression>', 'the expression, or - to read it from standard input')
    .addOption(
      new Option('--phase <phase>', 'the rule phase whose functions are allowed')
        .choices(PHASES)
        .default('custom'),
    )
    .action(async (expression: string, options: { phase: PhaseName }) => {
      await runFormat(expression, options);
    });

  rules
    .command('eval')
    .summary('evaluate JSON lines of {"expression", "fields"} from standard input')
    .description(
      'Read JSON lines {"expression": "...", "fields": {...}, "phase"?: "transform"} on standard input and\n' +
        'write one line per non-blank input line, in order: {"result": true|false} or\n' +
        '{"error": {"category", "code", "message", "span"}}. Field values: strings for Bytes and IPs,\n' +
        'numbers for Int, booleans, arrays, objects for maps; a field not given (or null) is missing.\n' +
        'A malformed line gets an error with category "input". Exits 0 once the input ends.',
    )
    .requiredOption('--jsonl', 'read JSON lines on standard input (the only mode)')
    .action(async () => {
      await runEvalJsonl();
    });
}
