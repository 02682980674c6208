// The canonical printer: English operators, single spaces, minimal parentheses, literals in a form
// that parses back to the same tree.
import type { ArgNode, ConditionNode, Node, RhsNode, SetElement, ValueNode } from './ast.js';
import { quoteBytes } from './bytes.js';
import { parse, type Filter } from './compile.js';
import { RulesError } from './errors.js';
import { cloudflareScheme } from './fields/cloudflare.js';
import type { Scheme } from './scheme.js';

const PREC = { and: 2, xor: 3, or: 4 } as const;

const I64_LIMIT = 2 ** 63;

function printInt(n: number): string {
  // Literals beyond 2^53 were rounded when parsed; print them back inside the 64-bit range.
  if (n >= I64_LIMIT) return '9223372036854775807';
  if (n <= -I64_LIMIT) return '-9223372036854775808';
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

function printRegex(pattern: string): string {
  let hashes = '';
  while (pattern.includes('"' + hashes)) hashes += '#';
  return `r${hashes}"${pattern}"${hashes}`;
}

function printElement(e: SetElement): string {
  switch (e.kind) {
    case 'bytes':
      return quoteBytes(e.value);
    case 'int':
      return printInt(e.value);
    case 'int_range':
      return `${printInt(e.from)}..${printInt(e.to)}`;
    case 'ip':
      return e.value;
    case 'ip_range':
      return `${e.from}..${e.to}`;
    case 'cidr':
      return `${e.address}/${e.prefix}`;
  }
}

function printRhs(rhs: RhsNode): string {
  switch (rhs.kind) {
    case 'bytes':
      return quoteBytes(rhs.value);
    case 'int':
      return printInt(rhs.value);
    case 'ip':
      return rhs.value;
    case 'regex':
      return printRegex(rhs.pattern);
    case 'wildcard':
      return quoteBytes(rhs.pattern);
    case 'set':
      return `{${rhs.elements.map(printElement).join(' ')}}`;
    case 'list':
      return `$${rhs.name}`;
  }
}

function printValue(node: ValueNode): string {
  switch (node.kind) {
    case 'field':
      return node.name;
    case 'call':
      return `${node.name}(${node.args.map(printArg).join(', ')})`;
    case 'index': {
      const i = node.index;
      const key = i.kind === 'each' ? '*' : i.kind === 'element' ? String(i.index) : quoteBytes(i.key);
      return `${printValue(node.target)}[${key}]`;
    }
  }
}

function printArg(arg: ArgNode): string {
  if (arg.kind === 'literal')
    return typeof arg.value === 'number'
      ? printInt(arg.value)
      : arg.type.kind === 'bytes'
        ? quoteBytes(arg.value)
        : arg.value;
  if (arg.kind === 'logical') return `(${printNode(arg)})`;
  return printNode(arg);
}

/** Prints any node of the tree (used by the formatter and by explain). */
export function printNode(node: Node): string {
  switch (node.kind) {
    case 'literal':
      return printArg(node);
    case 'logical': {
      const p = PREC[node.op];
      return node.operands
        .map((o) => (o.kind === 'logical' && PREC[o.op] >= p ? `(${printNode(o)})` : printNode(o)))
        .join(` ${node.op} `);
    }
    case 'not':
      return node.operand.kind === 'logical'
        ? `not (${printNode(node.operand)})`
        : `not ${printNode(node.operand)}`;
    case 'quantifier':
      return `${node.quantifier}(${node.operand.kind === 'logical' ? `(${printNode(node.operand)})` : printNode(node.operand)})`;
    case 'compare':
      return `${printValue(node.lhs)} ${node.op} ${printRhs(node.rhs)}`;
    default:
      return printValue(node);
  }
}

/**
 * Prints the canonical form of an expression, filter or tree: it parses back to the same tree.
 * A string is parsed against `scheme` (default: `cloudflareScheme`); an invalid string throws
 * RulesError RULES_FORMAT_INVALID (check it with `compile` first to get diagnostics).
 *
 * @example
 * format('ssl&&not(cf.tls_client_auth.cert_verified)') // 'ssl and not cf.tls_client_auth.cert_verified'
 */
export function format(input: string | Filter | ConditionNode, scheme: Scheme = cloudflareScheme): string {
  if (typeof input === 'string') {
    const r = parse(input, scheme);
    if (!r.ok)
      throw new RulesError(
        'RULES_FORMAT_INVALID',
        `cannot format an invalid expression: ${r.diagnostics[0]?.message ?? ''}`,
      );
    return printNode(r.ast);
  }
  if ('ast' in input) return printNode(input.ast);
  return printNode(input);
}
