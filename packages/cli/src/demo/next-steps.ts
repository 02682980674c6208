// The demo's printed next steps: where things are, and curl commands showing 403, 200, revoke, 403.
import type { Colors } from '../ui/terminal.js';
import type { DemoFiles } from './demo-files.js';
import { demoHostname, demoP12Password, demoRuleExpression, type DemoState } from './demo-setup.js';
import { shellQuote } from './shell-quote.js';

/** What the next steps refer to. */
export interface NextStepsInput {
  readonly state: DemoState;
  readonly files: DemoFiles;
  readonly adminUrl: string;
  readonly edgePort: number;
  readonly edgeIp: string;
  readonly adminTokenFile: string;
  readonly newAdminToken: string | undefined;
  readonly originUrl: string;
  readonly dashboard: boolean;
}

/** The four demo commands, in order; the e2e test runs exactly these. */
export function demoCommands(input: NextStepsInput): {
  withoutCertificate: string;
  withCertificate: string;
  revoke: string;
  revokeCli: string;
} {
  const q = shellQuote;
  const url = `https://${demoHostname}:${input.edgePort}/admin`;
  const tls = `--resolve ${demoHostname}:${input.edgePort}:${input.edgeIp} --cacert ${q(input.files.edgeCa)}`;
  const status = `-w '\\nHTTP %{http_code}\\n'`;
  const zoneId = input.state.zone.id;
  const certId = input.state.certificate.id;
  return {
    withoutCertificate: `curl -sS ${status} ${tls} ${url}`,
    withCertificate: `curl -sS ${status} ${tls} --cert ${q(input.files.certificate)} --key ${q(input.files.key)} ${url}`,
    revoke: `curl -sS -X DELETE -H "Authorization: Bearer $(cat ${q(input.adminTokenFile)})" ${input.adminUrl}/client/v4/zones/${zoneId}/client_certificates/${certId}`,
    revokeCli: `PORTCULLIS_API_URL=${input.adminUrl} PORTCULLIS_TOKEN="$(cat ${q(input.adminTokenFile)})" npx portcullis certs revoke ${certId} --zone ${zoneId}`,
  };
}

/** Renders the next steps as lines of text (colours only if `c` has them on). */
export function renderNextSteps(input: NextStepsInput, c: Colors): string[] {
  const commands = demoCommands(input);
  const { state, files } = input;
  const lines: string[] = [];
  const title = (text: string) => lines.push('', c.bold(text));
  lines.push(c.bold(c.green('Portcullis demo is running.')));
  lines.push(
    `  zone ${c.cyan(state.zone.name)}, mTLS host ${c.cyan(demoHostname)} → demo origin ${input.originUrl}`,
  );
  lines.push(`  rule (Block): ${c.dim(demoRuleExpression)}`);
  lines.push(
    `  API:        ${input.adminUrl}/client/v4   (OpenAPI ${input.adminUrl}/client/v4/openapi.json)`,
  );
  if (input.dashboard) lines.push(`  dashboard:  ${input.adminUrl}/`);
  lines.push(`  health:     ${input.adminUrl}/healthz   metrics: ${input.adminUrl}/metrics`);
  if (input.newAdminToken !== undefined) {
    lines.push(`  admin token (shown once; kept in ${input.adminTokenFile}):`);
    lines.push(`    ${c.yellow(input.newAdminToken)}`);
  } else {
    lines.push(`  admin token: in ${input.adminTokenFile}`);
  }
  lines.push(
    `  client certificate ${state.reusedCertificate ? '(reused from the last run)' : '(just issued)'}: serial ${state.certificate.serial_number}`,
    `    key ${files.key}`,
    `    certificate ${files.certificate}`,
    `    PKCS#12 ${files.p12} (password: ${demoP12Password})`,
    `    issuing CA ${files.ca}; edge CA ${files.edgeCa}`,
  );
  title('1. Without a client certificate, /admin is blocked (HTTP 403):');
  lines.push(`    ${commands.withoutCertificate}`);
  title('2. With the certificate, the request reaches the origin (HTTP 200):');
  lines.push(`    ${commands.withCertificate}`);
  title('3. Revoke the certificate through the API:');
  lines.push(`    ${commands.revoke}`);
  lines.push(c.dim('   or with the CLI:'));
  lines.push(`    ${commands.revokeCli}`);
  title('4. The same certificate is now refused (HTTP 403); run command 2 again:');
  lines.push(`    ${commands.withCertificate}`);
  lines.push(
    '',
    c.dim(
      'Paths other than /admin pass without a certificate. Ctrl-C stops the demo; run it again to resume with the same data.',
    ),
  );
  return lines;
}
