// Runs the real `portcullis ski | ca init | cert sign | cert keygen | crl` commands (built dist, spawned
// with node) and checks every product with openssl.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const cliRoot = resolve(here, '..', '..');
const repoRoot = resolve(cliRoot, '..', '..');
const bin = join(cliRoot, 'bin', 'portcullis.js');
const work = mkdtempSync(join(tmpdir(), 'portcullis-cli-pki-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(...args: string[]): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    cwd: work,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function openssl(...args: string[]): Run {
  const result = spawnSync('openssl', args, { encoding: 'utf8', cwd: work });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Builds the CLI when its compiled pki command is missing or older than the sources. */
function ensureBuilt(): void {
  const sources = [
    join(here, 'pki.ts'),
    join(here, 'index.ts'),
    ...['index.ts', 'facts.ts', 'crl.ts', 'dn.ts'].map((f) => join(repoRoot, 'packages', 'pki', 'src', f)),
  ];
  const built = join(cliRoot, 'dist', 'commands', 'pki.js');
  const stale = !existsSync(built) || sources.some((s) => statSync(s).mtimeMs > statSync(built).mtimeMs);
  if (stale) {
    // Type errors elsewhere in the workspace must not stop the emit this test needs; the outcome is checked below.
    spawnSync(
      process.execPath,
      [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'packages/cli'],
      { cwd: repoRoot, stdio: 'ignore', timeout: 300_000 },
    );
  }
  if (!existsSync(built)) throw new Error('packages/cli did not build: run `npx tsc -b packages/cli`');
}

beforeAll(() => ensureBuilt(), 300_000);

// Each spawn loads the whole CLI (~1 s of CPU); on a busy machine a test of ~15 spawns needs minutes.
const slow = { timeout: 240_000 };

describe('portcullis ca init / cert keygen / cert sign / crl', () => {
  it('creates a CA, a key and CSR, signs it, revokes it; openssl agrees at every step', slow, () => {
    const init = run('ca', 'init', '--out', 'ca', '--name', 'Scripted CA', '--key-type', 'ecdsa-p384');
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain('created CA "CN=Scripted CA,O=Portcullis"');
    expect(statSync(join(work, 'ca', 'ca.key')).mode & 0o777).toBe(0o600);
    expect(openssl('x509', '-in', 'ca/ca.pem', '-noout', '-text').stdout).toMatch(/CA:TRUE, pathlen:0/);
    expect(run('ca', 'init', '--out', 'ca').status).toBe(3); // refuses to overwrite

    const keygen = run(
      'cert',
      'keygen',
      '--subject',
      '/CN=device-1/O=Acme',
      '--key-type',
      'rsa-2048',
      '--out-key',
      'd.key',
      '--out-csr',
      'd.csr',
    );
    expect(keygen.status, keygen.stderr).toBe(0);
    expect(openssl('req', '-in', 'd.csr', '-noout', '-verify').stderr).toContain('verify OK');
    expect(statSync(join(work, 'd.key')).mode & 0o777).toBe(0o600);

    const sign = run(
      'cert',
      'sign',
      '--ca',
      'ca',
      '--csr',
      'd.csr',
      '--days',
      '30',
      '--out',
      'd.pem',
      '--crl-url',
      'http://crl.example/ca.crl',
    );
    expect(sign.status, sign.stderr).toBe(0);
    expect(openssl('verify', '-purpose', 'sslclient', '-CAfile', 'ca/ca.pem', 'd.pem').stdout.trim()).toBe(
      'd.pem: OK',
    );
    const stdoutSign = run('cert', 'sign', '--ca', 'ca', '--csr', 'd.csr', '--days', '1');
    expect(stdoutSign.stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n/);

    const serial = openssl('x509', '-in', 'd.pem', '-noout', '-serial').stdout.trim().split('=')[1]!;
    writeFileSync(
      join(work, 'serials.txt'),
      `# revoked devices\n${serial} keyCompromise\n0A 2026-01-01T00:00:00Z\n`.replace(
        ' 2026',
        ' unspecified 2026',
      ),
    );
    const crl = run('crl', '--ca', 'ca', '--serials', 'serials.txt', '--out', 'ca.crl');
    expect(crl.status, crl.stderr).toBe(0);
    expect(openssl('crl', '-in', 'ca.crl', '-noout', '-verify', '-CAfile', 'ca/ca.pem').stderr).toContain(
      'verify OK',
    );
    expect(openssl('crl', '-in', 'ca.crl', '-noout', '-text').stdout).toMatch(/CRL Number:\s+1\n/);
    const verify = openssl('verify', '-crl_check', '-CAfile', 'ca/ca.pem', '-CRLfile', 'ca.crl', 'd.pem');
    expect(verify.status).not.toBe(0);
    expect(verify.stdout + verify.stderr).toContain('certificate revoked');
    const second = run('crl', '--ca', 'ca', '--serials', 'serials.txt');
    expect(second.stdout).toMatch(/^-----BEGIN X509 CRL-----/);
    writeFileSync(join(work, 'second.crl'), second.stdout);
    expect(openssl('crl', '-in', 'second.crl', '-noout', '-text').stdout).toMatch(/CRL Number:\s+2\n/);
  });

  it('reports bad input with a message and the documented exit codes', slow, () => {
    run('ca', 'init', '--out', 'ca2');
    writeFileSync(join(work, 'garbage.csr'), 'not a csr');
    const garbage = run('cert', 'sign', '--ca', 'ca2', '--csr', 'garbage.csr', '--days', '1');
    expect(garbage.status).toBe(1);
    expect(garbage.stderr).toContain('PKI_PEM_INVALID');
    openssl(
      'req',
      '-new',
      '-newkey',
      'rsa:1024',
      '-nodes',
      '-keyout',
      'weak.key',
      '-out',
      'weak.csr',
      '-subj',
      '/CN=weak',
    );
    const weak = run('cert', 'sign', '--ca', 'ca2', '--csr', 'weak.csr', '--days', '1');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/RSA key of 1024 bits.*PKI_KEY_UNSUPPORTED/);
    expect(run('cert', 'sign', '--ca', 'ca2', '--csr', 'missing.csr', '--days', '1').status).toBe(3);
    expect(run('cert', 'sign', '--ca', 'nowhere', '--csr', 'weak.csr', '--days', '1').status).toBe(3);
    expect(run('cert', 'sign', '--ca', 'ca2', '--csr', 'weak.csr', '--days', '0').status).toBe(2);
    expect(run('cert', 'sign', '--ca', 'ca2', '--csr', 'weak.csr').status).toBe(2); // missing --days
    expect(run('cert', 'keygen', '--subject', 'CN=no-slash').status).toBe(1);
    expect(run('ca', 'init', '--out', 'x', '--key-type', 'rsa-1024').status).toBe(2);
    writeFileSync(join(work, 'bad-serials.txt'), 'zz-not-hex\n');
    const badSerials = run('crl', '--ca', 'ca2', '--serials', 'bad-serials.txt');
    expect(badSerials.status).toBe(1);
    expect(badSerials.stderr).toContain('bad-serials.txt:1');
  });
});

describe('portcullis ski', () => {
  it('prints the issuer SKI exactly like the openssl recipe, and every field with --all', slow, () => {
    run('ca', 'init', '--out', 'ski-ca');
    run(
      'cert',
      'keygen',
      '--subject',
      '/C=CH/L=Zürich/O=Acme\\, Inc./CN=José',
      '--out-key',
      's.key',
      '--out-csr',
      's.csr',
    );
    run('cert', 'sign', '--ca', 'ski-ca', '--csr', 's.csr', '--days', '5', '--out', 's.pem');
    const recipe = openssl('x509', '-noout', '-ext', 'authorityKeyIdentifier', '-in', 's.pem')
      .stdout.trim()
      .split('\n')
      .pop()!
      .replace(/[: ]/g, '');
    const ski = run('ski', 's.pem');
    expect(ski.status, ski.stderr).toBe(0);
    expect(ski.stdout).toBe(`${recipe}\n`);
    openssl('x509', '-in', 's.pem', '-outform', 'DER', '-out', 's.der');
    expect(run('ski', 's.der').stdout).toBe(`${recipe}\n`);

    const all = run('ski', '--all', 's.pem');
    expect(all.status).toBe(0);
    const fields = Object.fromEntries(
      all.stdout
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
    );
    const x = (...args: string[]): string => {
      const out = openssl('x509', '-in', 's.pem', '-noout', ...args).stdout.trim();
      return out.slice(out.indexOf('=') + 1);
    };
    expect(fields['cf.tls_client_auth.cert_subject_dn']).toBe(x('-subject', '-nameopt', 'RFC2253'));
    expect(fields['cf.tls_client_auth.cert_subject_dn']).toBe(
      'CN=Jos\\C3\\A9,O=Acme\\, Inc.,L=Z\\C3\\BCrich,C=CH',
    );
    expect(fields['cf.tls_client_auth.cert_subject_dn_legacy']).toBe(x('-subject', '-nameopt', 'compat'));
    expect(fields['cf.tls_client_auth.cert_issuer_dn_rfc2253']).toBe(x('-issuer', '-nameopt', 'RFC2253'));
    expect(fields['cf.tls_client_auth.cert_serial']).toBe(x('-serial'));
    expect(fields['cf.tls_client_auth.cert_fingerprint_sha256']).toBe(
      x('-fingerprint', '-sha256').replace(/:/g, '').toLowerCase(),
    );
    expect(fields['cf.tls_client_auth.cert_not_before']).toBe(x('-startdate'));
    expect(fields['cf.tls_client_auth.cert_not_after']).toBe(x('-enddate'));
    expect(fields['cf.tls_client_auth.cert_issuer_ski']).toBe(recipe);
    expect(fields['cf.tls_client_auth.cert_rfc9440']).toBe(
      `:${readFileSync(join(work, 's.der')).toString('base64')}:`,
    );
    expect(Object.keys(fields)).toHaveLength(19);

    const json = run('ski', '--all', '--json', 's.pem');
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(parsed['cf.tls_client_auth.cert_rfc9440_too_large']).toBe(false);
    expect(parsed['cf.tls_client_auth.cert_ski']).toBe(fields['cf.tls_client_auth.cert_ski']);
  });

  it('fails clearly on garbage, truncated or missing files and certificates without an AKI', slow, () => {
    writeFileSync(
      join(work, 'garbage.pem'),
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
    );
    const garbage = run('ski', 'garbage.pem');
    expect(garbage.status).toBe(1);
    expect(garbage.stderr).toContain('PKI_DER_INVALID');
    const pem = readFileSync(join(work, 's.pem'), 'utf8');
    writeFileSync(join(work, 'trunc.pem'), pem.slice(0, 200));
    expect(run('ski', 'trunc.pem').status).toBe(1);
    expect(run('ski', 'missing.pem').status).toBe(3);
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'n.key',
      '-out',
      'noaki.pem',
      '-subj',
      '/CN=n',
      '-addext',
      'authorityKeyIdentifier=none',
      '-addext',
      'subjectKeyIdentifier=none',
    );
    const noAki = run('ski', 'noaki.pem');
    expect(noAki.status).toBe(1);
    expect(noAki.stderr).toContain('no authority key identifier');
    expect(run('ski', '--help').stdout).toContain('tail -n1');
  });
});
