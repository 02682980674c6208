// Real openssl for test material: CSRs and CA certificates made the way users make them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-openssl-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A CSR (and its key) from `openssl req`, as Cloudflare's docs show. */
export function opensslCsr(
  subject = '/C=GB/ST=London/L=London/O=Organization/CN=CommonName',
  key: 'ec' | 'rsa' = 'ec',
): { csr: string; key: string } {
  return withDir((dir) => {
    const keyArgs =
      key === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'] : ['-newkey', 'rsa:2048'];
    execFileSync(
      'openssl',
      [
        'req',
        '-new',
        ...keyArgs,
        '-nodes',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'r.csr'),
        '-subj',
        subject,
      ],
      {
        stdio: 'pipe',
      },
    );
    return { csr: readFileSync(join(dir, 'r.csr'), 'utf8'), key: readFileSync(join(dir, 'k.pem'), 'utf8') };
  });
}

/** A self-signed CA certificate (CA:TRUE, keyCertSign) and its key, from `openssl req -x509`. */
export function opensslCa(cn = 'Test Upload CA'): { certificate: string; key: string } {
  return withDir((dir) => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
        '-days',
        '365',
        '-subj',
        `/O=Test/CN=${cn}`,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      { stdio: 'pipe' },
    );
    return {
      certificate: readFileSync(join(dir, 'c.pem'), 'utf8'),
      key: readFileSync(join(dir, 'k.pem'), 'utf8'),
    };
  });
}

/** A self-signed leaf (CA:FALSE) certificate for a hostname, with its key. */
export function opensslLeaf(hostname: string): { certificate: string; key: string } {
  return withDir((dir) => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
        '-days',
        '30',
        '-subj',
        `/CN=${hostname}`,
        '-addext',
        'basicConstraints=critical,CA:FALSE',
        '-addext',
        `subjectAltName=DNS:${hostname}`,
      ],
      { stdio: 'pipe' },
    );
    return {
      certificate: readFileSync(join(dir, 'c.pem'), 'utf8'),
      key: readFileSync(join(dir, 'k.pem'), 'utf8'),
    };
  });
}

/** A CRL for `ca` revoking `serialsHex`, made with `openssl ca -gencrl`. */
export function opensslCrl(ca: { certificate: string; key: string }, serialsHex: readonly string[]): string {
  return withDir((dir) => {
    writeFileSync(join(dir, 'ca.pem'), ca.certificate);
    writeFileSync(join(dir, 'ca.key'), ca.key);
    const index = serialsHex
      .map((serial) => `R\t301231000000Z\t240101000000Z\t${serial}\tunknown\t/CN=revoked-${serial}`)
      .join('\n');
    writeFileSync(join(dir, 'index.txt'), index === '' ? '' : `${index}\n`);
    writeFileSync(join(dir, 'crlnumber'), '01\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ ca ]',
        'default_ca = test',
        '[ test ]',
        `dir = ${dir}`,
        'database = $dir/index.txt',
        'crlnumber = $dir/crlnumber',
        'certificate = $dir/ca.pem',
        'private_key = $dir/ca.key',
        'default_md = sha256',
        'default_crl_days = 7',
        '',
      ].join('\n'),
    );
    execFileSync('openssl', ['ca', '-gencrl', '-config', join(dir, 'ca.cnf'), '-out', join(dir, 'crl.pem')], {
      stdio: 'pipe',
    });
    return readFileSync(join(dir, 'crl.pem'), 'utf8');
  });
}
