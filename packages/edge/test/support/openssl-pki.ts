// Throwaway test PKI made with the real `openssl` command: CAs, client and server certificates,
// edge cases (expired, self-signed, CA:TRUE leaf, RSA-1024, long chains) and CRLs. Nothing is
// committed; everything lives in a temporary directory removed by `dispose()`.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type KeyKind = 'ec' | 'rsa2048' | 'rsa1024';

/** A certificate with its key, as PEM and as files. */
export interface CertKey {
  readonly name: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly certPath: string;
  readonly keyPath: string;
  /** Upper-case hex serial as OpenSSL prints it. */
  readonly serialHex: string;
  /** Internal: the CA directory when this is a CA. */
  readonly dir: string;
}

export interface LeafOptions {
  readonly key?: KeyKind;
  /** YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ. */
  readonly startDate?: string;
  readonly endDate?: string;
  readonly ca?: boolean;
  readonly subject?: string;
  readonly extKeyUsage?: string;
}

function openssl(args: string[], cwd?: string): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

/** A test PKI in a temporary directory. */
export class TestPki {
  readonly dir: string;
  private counter = 0;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'portcullis-edge-pki-'));
  }

  private key(path: string, kind: KeyKind): void {
    if (kind === 'ec')
      openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path]);
    else
      openssl([
        'genpkey',
        '-algorithm',
        'RSA',
        '-pkeyopt',
        `rsa_keygen_bits:${kind === 'rsa1024' ? 1024 : 2048}`,
        '-out',
        path,
      ]);
  }

  private load(name: string, dir: string, certPath: string, keyPath: string): CertKey {
    const certPem = readFileSync(certPath, 'utf8');
    const serial = openssl(['x509', '-noout', '-serial', '-in', certPath])
      .trim()
      .replace(/^serial=/, '')
      .toUpperCase();
    return {
      name,
      certPem,
      keyPem: readFileSync(keyPath, 'utf8'),
      certPath,
      keyPath,
      serialHex: serial,
      dir,
    };
  }

  private caDir(name: string): string {
    const dir = join(this.dir, `ca-${name}`);
    mkdirSync(join(dir, 'newcerts'), { recursive: true });
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(
      join(dir, 'serial'),
      randomBytes(8).toString('hex').toUpperCase().replace(/^0/, '1') + '\n',
    );
    writeFileSync(join(dir, 'crlnumber'), '01\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = CA_default',
        '[CA_default]',
        `database = ${join(dir, 'index.txt')}`,
        `new_certs_dir = ${join(dir, 'newcerts')}`,
        `serial = ${join(dir, 'serial')}`,
        `crlnumber = ${join(dir, 'crlnumber')}`,
        'default_md = sha256',
        'policy = policy_any',
        'unique_subject = no',
        'copy_extensions = none',
        'default_crl_days = 30',
        'default_days = 365',
        '[policy_any]',
        'commonName = supplied',
        'organizationName = optional',
        'organizationalUnitName = optional',
        'countryName = optional',
        '[req]',
        'distinguished_name = dn',
        '[dn]',
        '',
      ].join('\n'),
    );
    return dir;
  }

  /** A self-signed root CA; `commonName` defaults to `name` (give another CA's name to spoof it). */
  rootCa(name: string, kind: KeyKind = 'ec', commonName = name): CertKey {
    const dir = this.caDir(name);
    const keyPath = join(dir, 'ca.key');
    const certPath = join(dir, 'ca.crt');
    this.key(keyPath, kind);
    openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      keyPath,
      '-out',
      certPath,
      '-days',
      '3650',
      '-subj',
      `/O=Portcullis Test/CN=${commonName}`,
      '-config',
      join(dir, 'ca.cnf'),
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-addext',
      'subjectKeyIdentifier=hash',
    ]);
    return this.load(name, dir, certPath, keyPath);
  }

  /** An intermediate CA signed by `issuer`. */
  intermediateCa(name: string, issuer: CertKey): CertKey {
    const dir = this.caDir(name);
    const keyPath = join(dir, 'ca.key');
    const certPath = join(dir, 'ca.crt');
    this.key(keyPath, 'ec');
    this.sign(issuer, keyPath, certPath, `/O=Portcullis Test/CN=${name}`, [
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
    ]);
    return this.load(name, dir, certPath, keyPath);
  }

  private sign(
    issuer: CertKey,
    keyPath: string,
    certPath: string,
    subject: string,
    ext: string[],
    start?: string,
    end?: string,
  ): void {
    const n = ++this.counter;
    const csr = join(this.dir, `req-${n}.csr`);
    const extPath = join(this.dir, `ext-${n}.cnf`);
    openssl([
      'req',
      '-new',
      '-key',
      keyPath,
      '-subj',
      subject,
      '-out',
      csr,
      '-config',
      join(issuer.dir, 'ca.cnf'),
    ]);
    writeFileSync(extPath, ['[v3]', ...ext, ''].join('\n'));
    const now = Date.now();
    openssl([
      'ca',
      '-batch',
      '-notext',
      '-config',
      join(issuer.dir, 'ca.cnf'),
      '-cert',
      issuer.certPath,
      '-keyfile',
      issuer.keyPath,
      '-in',
      csr,
      '-out',
      certPath,
      '-extfile',
      extPath,
      '-extensions',
      'v3',
      '-startdate',
      start ?? timestamp(new Date(now - 3600_000)),
      '-enddate',
      end ?? timestamp(new Date(now + 365 * 86400_000)),
    ]);
  }

  /** A client certificate issued by `issuer`. */
  client(name: string, issuer: CertKey, options: LeafOptions = {}): CertKey {
    const keyPath = join(this.dir, `${name}.key`);
    const certPath = join(this.dir, `${name}.crt`);
    this.key(keyPath, options.key ?? 'ec');
    const ext = options.ca
      ? [
          'basicConstraints = critical,CA:TRUE',
          'keyUsage = critical,digitalSignature,keyCertSign',
          'extendedKeyUsage = clientAuth',
        ]
      : [
          'basicConstraints = critical,CA:FALSE',
          'keyUsage = critical,digitalSignature',
          `extendedKeyUsage = ${options.extKeyUsage ?? 'clientAuth'}`,
        ];
    this.sign(
      issuer,
      keyPath,
      certPath,
      options.subject ?? `/O=Portcullis Test/CN=${name}`,
      [...ext, 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid'],
      options.startDate,
      options.endDate,
    );
    return this.load(name, issuer.dir, certPath, keyPath);
  }

  /** A server certificate for the given DNS names. */
  server(name: string, issuer: CertKey, dnsNames: readonly string[]): CertKey {
    const keyPath = join(this.dir, `${name}.key`);
    const certPath = join(this.dir, `${name}.crt`);
    this.key(keyPath, 'ec');
    this.sign(issuer, keyPath, certPath, `/CN=${dnsNames[0]!}`, [
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature',
      'extendedKeyUsage = serverAuth',
      `subjectAltName = ${dnsNames.map((d) => `DNS:${d}`).join(',')}`,
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
    ]);
    return this.load(name, issuer.dir, certPath, keyPath);
  }

  /** A self-signed client certificate (CA:FALSE). */
  selfSigned(name: string): CertKey {
    const keyPath = join(this.dir, `${name}.key`);
    const certPath = join(this.dir, `${name}.crt`);
    this.key(keyPath, 'ec');
    openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      keyPath,
      '-out',
      certPath,
      '-days',
      '30',
      '-subj',
      `/CN=${name}`,
      '-config',
      join(this.caDir(`self-${name}`), 'ca.cnf'),
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'extendedKeyUsage=clientAuth',
    ]);
    return this.load(name, this.dir, certPath, keyPath);
  }

  /** Revokes `cert` in its issuer's database and returns the issuer's new CRL (PEM). */
  revokeAndCrl(issuer: CertKey, certs: readonly CertKey[]): string {
    for (const cert of certs) {
      openssl([
        'ca',
        '-config',
        join(issuer.dir, 'ca.cnf'),
        '-cert',
        issuer.certPath,
        '-keyfile',
        issuer.keyPath,
        '-revoke',
        cert.certPath,
      ]);
    }
    const out = join(this.dir, `crl-${++this.counter}.pem`);
    openssl([
      'ca',
      '-gencrl',
      '-config',
      join(issuer.dir, 'ca.cnf'),
      '-cert',
      issuer.certPath,
      '-keyfile',
      issuer.keyPath,
      '-out',
      out,
    ]);
    return readFileSync(out, 'utf8');
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
