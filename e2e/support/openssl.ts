// Throwaway keys, CSRs and CAs made with the real openssl command, as a user would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = () => mkdtempSync(join(tmpdir(), 'portcullis-openssl-'));

/** A P-256 key and a CSR for `/CN=<cn>`, made by `openssl req`. */
export function opensslKeyAndCsr(cn: string): { key: string; csr: string } {
  const d = dir();
  execFileSync(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      join(d, 'k.pem'),
      '-out',
      join(d, 'r.csr'),
      '-subj',
      `/CN=${cn}/O=Portcullis e2e`,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(join(d, 'k.pem'), 'utf8'), csr: readFileSync(join(d, 'r.csr'), 'utf8') };
}

/** A self-signed CA (CA:TRUE, keyCertSign, cRLSign) and a client leaf it signs. */
export function opensslCaAndLeaf(
  caName: string,
  leafCn: string,
): { caCert: string; caKey: string; leafCert: string; leafKey: string; caSki: string } {
  const d = dir();
  const ext = join(d, 'ext.cnf');
  writeFileSync(
    ext,
    [
      '[ca]',
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier=hash',
      '[leaf]',
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=clientAuth',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid',
      '',
    ].join('\n'),
  );
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  run([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    join(d, 'ca.key'),
    '-out',
    join(d, 'ca.pem'),
    '-subj',
    `/CN=${caName}`,
    '-days',
    '30',
    '-extensions',
    'ca',
    '-config',
    ext,
    '-set_serial',
    '1',
  ]);
  run([
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    join(d, 'leaf.key'),
    '-out',
    join(d, 'leaf.csr'),
    '-subj',
    `/CN=${leafCn}`,
  ]);
  run([
    'x509',
    '-req',
    '-in',
    join(d, 'leaf.csr'),
    '-CA',
    join(d, 'ca.pem'),
    '-CAkey',
    join(d, 'ca.key'),
    '-set_serial',
    '4242',
    '-days',
    '10',
    '-extfile',
    ext,
    '-extensions',
    'leaf',
    '-out',
    join(d, 'leaf.pem'),
  ]);
  const caSki = execFileSync(
    'openssl',
    ['x509', '-noout', '-ext', 'subjectKeyIdentifier', '-in', join(d, 'ca.pem')],
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .pop()!
    .replace(/[:\s]/g, '')
    .toUpperCase();
  return {
    caCert: readFileSync(join(d, 'ca.pem'), 'utf8'),
    caKey: readFileSync(join(d, 'ca.key'), 'utf8'),
    leafCert: readFileSync(join(d, 'leaf.pem'), 'utf8'),
    leafKey: readFileSync(join(d, 'leaf.key'), 'utf8'),
    caSki,
  };
}
