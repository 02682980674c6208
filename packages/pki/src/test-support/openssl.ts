// Test helper: runs the real `openssl` command on temporary files and returns its output.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory for one test file's artefacts; call `cleanup` in afterAll. */
export function tempDir(): {
  path: string;
  file(name: string, content: string | Uint8Array): string;
  cleanup(): void;
} {
  const path = mkdtempSync(join(tmpdir(), 'portcullis-pki-'));
  return {
    path,
    file(name, content) {
      const file = join(path, name);
      writeFileSync(file, content);
      return file;
    },
    cleanup() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** Runs openssl; returns stdout (throws with stderr when it exits non-zero). */
export function openssl(args: string[], input?: string | Uint8Array): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs openssl and returns its exit status and combined stdout + stderr instead of throwing. */
export function opensslStatus(args: string[]): { status: number; output: string } {
  const result = spawnSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

/** Files of a certificate made by openssl in a temp dir. */
export interface OpensslCert {
  readonly certFile: string;
  readonly keyFile: string;
  readonly pem: string;
}

/** Makes a self-signed CA with openssl (`req -x509`), extra `req` arguments appended. */
export function opensslCa(
  dir: ReturnType<typeof tempDir>,
  name: string,
  subject: string,
  extra: string[] = [],
): OpensslCert {
  const keyFile = `${dir.path}/${name}.key`;
  const certFile = `${dir.path}/${name}.pem`;
  openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '30',
    '-subj',
    subject,
    '-utf8',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    ...extra,
  ]);
  return { certFile, keyFile, pem: openssl(['x509', '-in', certFile]) };
}

/** Makes a leaf signed by `ca` with openssl (`req` then `x509 -req`), with an extensions file. */
export function opensslLeaf(
  dir: ReturnType<typeof tempDir>,
  name: string,
  ca: OpensslCert,
  subject: string,
  options: { reqArgs?: string[]; extensions?: string; newkey?: string[] } = {},
): OpensslCert {
  const keyFile = `${dir.path}/${name}.key`;
  const csrFile = `${dir.path}/${name}.csr`;
  const certFile = `${dir.path}/${name}.pem`;
  const extFile = `${dir.path}/${name}.ext`;
  openssl([
    'req',
    '-new',
    ...(options.newkey ?? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']),
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    csrFile,
    '-subj',
    subject,
    '-utf8',
    ...(options.reqArgs ?? []),
  ]);
  writeFileSync(
    extFile,
    options.extensions ??
      'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  openssl([
    'x509',
    '-req',
    '-in',
    csrFile,
    '-CA',
    ca.certFile,
    '-CAkey',
    ca.keyFile,
    '-CAcreateserial',
    '-days',
    '10',
    '-out',
    certFile,
    '-extfile',
    extFile,
  ]);
  return { certFile, keyFile, pem: openssl(['x509', '-in', certFile]) };
}

/** The value after `prefix=` on openssl's one-line output. */
export function afterEquals(output: string): string {
  const line = output.replace(/\n$/, '');
  return line.slice(line.indexOf('=') + 1);
}
