// Tests of the demo's printed commands: --resolve and --cacert, quoting, and the four steps in order.
import picocolors from 'picocolors';
import { describe, expect, it } from 'vitest';
import type { ClientCertificate, Hostname, Zone } from '@portcullis/model';
import { demoFiles } from './demo-files.js';
import { demoCommands, renderNextSteps, type NextStepsInput } from './next-steps.js';

const input: NextStepsInput = {
  state: {
    zone: { id: 'z'.repeat(32), name: 'example.test' } as Zone,
    host: {} as Hostname,
    rulesetId: 'r',
    ruleId: 'x',
    certificate: { id: 'c'.repeat(32), serial_number: '42' } as ClientCertificate,
    privateKeyPem: undefined,
    reusedCertificate: true,
    managedCaPem: '',
  },
  files: demoFiles('/tmp/my demo'),
  adminUrl: 'http://127.0.0.1:8080',
  edgePort: 8443,
  edgeIp: '127.0.0.1',
  adminTokenFile: '/tmp/my demo/admin-token',
  newAdminToken: undefined,
  originUrl: 'http://127.0.0.1:1234',
  dashboard: false,
};

describe('demo next steps', () => {
  it('builds curl commands that need no DNS and pin the edge CA, with quoted paths', () => {
    const commands = demoCommands(input);
    expect(commands.withoutCertificate).toBe(
      "curl -sS -w '\\nHTTP %{http_code}\\n' --resolve api.example.test:8443:127.0.0.1 --cacert '/tmp/my demo/edge-ca.pem' https://api.example.test:8443/admin",
    );
    expect(commands.withCertificate).toContain(
      "--cert '/tmp/my demo/demo/client.pem' --key '/tmp/my demo/demo/client.key'",
    );
    expect(commands.revoke).toBe(
      `curl -sS -X DELETE -H "Authorization: Bearer $(cat '/tmp/my demo/admin-token')" http://127.0.0.1:8080/client/v4/zones/${'z'.repeat(32)}/client_certificates/${'c'.repeat(32)}`,
    );
  });

  it('prints the steps in the order 403, 200, revoke, 403, without colour codes when colours are off', () => {
    const lines = renderNextSteps(input, picocolors.createColors(false));
    const curls = lines.filter((line) => line.trim().startsWith('curl '));
    const commands = demoCommands(input);
    expect(curls.map((line) => line.trim())).toEqual([
      commands.withoutCertificate,
      commands.withCertificate,
      commands.revoke,
      commands.withCertificate,
    ]);
    // eslint-disable-next-line no-control-regex
    expect(lines.join('\n')).not.toMatch(/\x1b\[/);
  });
});
