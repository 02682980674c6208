// Renders docs/api.md from the API's OpenAPI document: one section per tag, one entry per operation.

/** The parts of an OpenAPI 3 document the renderer reads. */
export interface OpenApiDocument {
  readonly info?: { readonly title?: string; readonly version?: string; readonly description?: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
}

interface OpenApiSchema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, OpenApiSchema>>;
  readonly required?: readonly string[];
  readonly items?: OpenApiSchema;
  readonly anyOf?: readonly OpenApiSchema[];
  readonly oneOf?: readonly OpenApiSchema[];
  readonly nullable?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly default?: unknown;
}

interface OpenApiOperation {
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly parameters?: readonly {
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: OpenApiSchema;
  }[];
  readonly requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
  readonly responses?: Readonly<Record<string, { description?: string }>>;
  readonly security?: readonly unknown[];
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Order and titles of the sections; tags not listed come after, by name. */
const sections: readonly [string, string][] = [
  ['health', 'Health'],
  ['accounts', 'Accounts'],
  ['zones', 'Zones'],
  ['hostnames', 'Hostnames'],
  ['client_certificates', 'Client certificates (managed CA)'],
  ['hostname_associations', 'Hostname associations'],
  ['mtls_certificates', 'Uploaded CAs (mTLS certificates) and CRLs'],
  ['rulesets', 'Custom rules (rulesets)'],
  ['tokens', 'API tokens'],
  ['audit_logs', 'Audit log'],
  ['security_events', 'Security events'],
  ['pki', 'Public downloads'],
];

/** Renders the whole reference as Markdown; deterministic for a given document. */
export function renderApiReference(document: OpenApiDocument): string {
  const byTag = new Map<string, { method: string; path: string; operation: OpenApiOperation }[]>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of methods) {
      const operation = operations[method];
      if (operation === undefined) continue;
      const tag = operation.tags?.[0] ?? 'other';
      const list = byTag.get(tag) ?? [];
      list.push({ method, path, operation });
      byTag.set(tag, list);
    }
  }
  const known = new Map(sections);
  const tags = [
    ...sections.map(([tag]) => tag).filter((tag) => byTag.has(tag)),
    ...[...byTag.keys()].filter((tag) => !known.has(tag)).sort(),
  ];

  const out: string[] = [
    '# API reference',
    '',
    '<!-- Generated from /client/v4/openapi.json by `node docs/generate.mjs`; a test fails when it drifts. Do not edit by hand. -->',
    '',
    `${document.info?.title ?? 'Portcullis API'}, version ${document.info?.version ?? '1'}. Every route lives under \`/client/v4\` and answers in`,
    'Cloudflare\'s v4 envelope: `{ "success": true, "errors": [], "messages": [], "result": … }` (lists add `result_info`);',
    "errors carry Cloudflare's numeric `code` and a message. Send the token as `Authorization: Bearer <token>`;",
    'the admin token is in `<data dir>/admin-token`. The live OpenAPI document is at `/client/v4/openapi.json`.',
    '',
    '## Contents',
    '',
  ];
  for (const tag of tags) out.push(`- [${known.get(tag) ?? tag}](#${anchor(known.get(tag) ?? tag)})`);
  for (const tag of tags) {
    out.push('', `## ${known.get(tag) ?? tag}`);
    for (const { method, path, operation } of byTag.get(tag)!)
      out.push('', ...renderOperation(method, path, operation));
  }
  out.push('');
  return out.join('\n');
}

function renderOperation(method: string, path: string, operation: OpenApiOperation): string[] {
  const lines = [`### \`${method.toUpperCase()} ${path}\``, ''];
  if (operation.summary) lines.push(`${operation.summary}.`.replace(/\.\.$/, '.'));
  if (operation.description && operation.description !== operation.summary)
    lines.push('', operation.description);
  if (operation.security !== undefined && operation.security.length === 0) lines.push('', 'No token needed.');
  const parameters = operation.parameters ?? [];
  if (parameters.length > 0) {
    lines.push('', '| parameter | in | required | type | description |', '| --- | --- | --- | --- | --- |');
    for (const parameter of parameters) {
      lines.push(
        `| \`${parameter.name}\` | ${parameter.in} | ${parameter.required === true ? 'yes' : 'no'} | ${typeOf(parameter.schema)} | ${cell(parameter.description ?? parameter.schema?.description ?? '')} |`,
      );
    }
  }
  const body = operation.requestBody?.content?.['application/json']?.schema;
  if (body !== undefined) {
    lines.push('', 'Request body (JSON):');
    const rows = bodyRows(body);
    if (rows.length > 0)
      lines.push('', '| field | required | type | description |', '| --- | --- | --- | --- |', ...rows);
    else lines.push('', `${typeOf(body)}`);
  }
  const responses = Object.entries(operation.responses ?? {}).filter(([status]) => status !== 'default');
  if (responses.length > 0)
    lines.push(
      '',
      `Responses: ${responses.map(([status, response]) => `${status}${response.description && response.description !== 'Default Response' ? ` ${response.description}` : ''}`).join('; ')}.`,
    );
  return lines;
}

function bodyRows(schema: OpenApiSchema): string[] {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants !== undefined) {
    return variants.flatMap((variant, index) =>
      bodyRows(variant).map((row) => row.replace(/^\| /, `| (form ${index + 1}) `)),
    );
  }
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(
    ([name, property]) =>
      `| \`${name}\` | ${required.has(name) ? 'yes' : 'no'} | ${typeOf(property)} | ${cell(property.description ?? '')} |`,
  );
}

function typeOf(schema: OpenApiSchema | undefined): string {
  if (schema === undefined) return '';
  if (schema.enum !== undefined) return schema.enum.map((value) => `\`${String(value)}\``).join(', ');
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants !== undefined) return [...new Set(variants.map(typeOf))].join(' or ');
  const base = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
  if (base === 'array') return `array of ${typeOf(schema.items)}`;
  const range =
    schema.minimum !== undefined || schema.maximum !== undefined
      ? ` (${schema.minimum ?? ''}–${schema.maximum ?? ''})`
      : '';
  return `${base}${schema.nullable === true ? ' or null' : ''}${range}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .trim()
    .replace(/ /g, '-');
}
