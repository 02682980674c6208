// Renders docs/rules-reference.md from the rules package's field table and function lists.
import { builtinFunctions, cloudflareFields, productFunctions, typeName } from '@portcullis/rules';
import { fieldDescriptions, functionDescriptions } from './rules-descriptions.js';

/** What the renderer needs to know about what the edge fills (from @portcullis/edge's `providedFields`). */
export interface RulesReferenceInput {
  readonly providedFields: readonly string[];
}

/** Fields and functions the reference must describe (for the completeness test). */
export function rulesNames(): { fields: string[]; functions: string[] } {
  return {
    fields: Object.keys(cloudflareFields),
    functions: [...builtinFunctions, ...productFunctions].map((definition) => definition.name),
  };
}

/** Renders the Rules-language reference as Markdown; deterministic. */
export function renderRulesReference(input: RulesReferenceInput): string {
  const provided = new Set(input.providedFields);
  const out: string[] = [
    '# Rules language reference',
    '',
    '<!-- Generated from @portcullis/rules (fields, functions) and @portcullis/edge (filled fields) by `node docs/generate.mjs`; a test fails when it drifts. -->',
    '',
    "Portcullis runs Cloudflare's Rules language (the wirefilter grammar) unchanged: an expression written for",
    "Cloudflare's custom rules works here, and the reverse. Rules run in list order; the first terminating action",
    'wins (`block`), `skip` ends the phase, `log` records a security event and continues.',
    '',
    '## Syntax in brief',
    '',
    '| form | example |',
    '| --- | --- |',
    '| comparison | `http.request.uri.path eq "/admin"`, `ne`, `lt`, `le`, `gt`, `ge` (or `==`, `!=`, `<`, …) |',
    '| membership | `http.request.uri.path in {"/admin" "/internal"}`, `ip.src in {10.0.0.0/8 192.0.2.1}`, ranges `{80..443}` |',
    '| text | `contains`, `matches` (regex, also `~`), `wildcard`, `strict wildcard` |',
    '| logic | `not` (`!`), `and` (`&&`), `xor` (`^^`), `or` (`\\|\\|`), parentheses |',
    '| strings | `"…"` with `\\"` and `\\\\`, raw strings `r"…"`, `r#"…"#` |',
    '| arrays and maps | `http.request.headers["x-api-key"][0]`, `any(http.request.headers.names[*] eq "x-debug")`, `all(…)` |',
    '| booleans | a Bool field alone is a test: `cf.tls_client_auth.cert_verified` |',
    '',
    'Every problem in an expression is reported at once, with its line:column and a caret, when a rule is saved',
    '(`Filter parsing error (1:13)` as on Cloudflare), and by `portcullis rules check` offline.',
    '',
    '## Recipes',
    '',
    '| goal | expression (action Block) |',
    '| --- | --- |',
    '| the seed: certificate required on a path, revocation included | `(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}` |',
    '| certificate required on a whole host | `(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.host in {"api.example.com"}` |',
    '| only certificates of one CA (issuer pinning) | `not (cf.tls_client_auth.cert_verified and cf.tls_client_auth.cert_issuer_ski eq "A5AC…9F")` |',
    '| deny one certificate by fingerprint | `cf.tls_client_auth.cert_fingerprint_sha256 eq "af36…9714"` |',
    '| only a device group (subject OU) | `not cf.tls_client_auth.cert_subject_dn contains "OU=sensors"` |',
    '',
    '## Fields',
    '',
    'Bool fields are false and Bytes fields empty when no certificate was presented, as on Cloudflare. "Edge" says',
    'whether the Portcullis edge fills the field; an expression may name any field of the scheme, and a field the',
    'edge does not fill is missing at run time (comparisons with it are false).',
    '',
    '| field | type | edge | meaning |',
    '| --- | --- | --- | --- |',
  ];
  for (const [name, type] of Object.entries(cloudflareFields)) {
    out.push(
      `| \`${name}\` | ${typeName(type)} | ${provided.has(name) ? 'yes' : 'no'} | ${fieldDescriptions[name] ?? ''} |`,
    );
  }
  out.push(
    '',
    '## Functions',
    '',
    'Phases: `custom` = custom rules (what Portcullis runs at the edge), `transform` = transform rules (accepted by the checker for portability).',
    '',
    '| function | phases | meaning |',
    '| --- | --- | --- |',
  );
  for (const definition of [...builtinFunctions, ...productFunctions]) {
    const described = functionDescriptions[definition.name];
    const signature = described?.signature ?? `${definition.name}(…)`;
    out.push(`| \`${signature}\` | ${definition.phases.join(', ')} | ${described?.description ?? ''} |`);
  }
  out.push('');
  return out.join('\n');
}
