// Writes the demo's client-certificate material into the data directory: key, certificate, CA, PKCS#12.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toPkcs12 } from '@portcullis/pki';
import { demoP12Password, type DemoState } from './demo-setup.js';

/** Where the demo's files are. */
export interface DemoFiles {
  readonly dir: string;
  readonly key: string;
  readonly certificate: string;
  readonly ca: string;
  readonly p12: string;
  readonly record: string;
  readonly edgeCa: string;
}

/** Paths of the demo files under `<dataDir>/demo`, and the edge CA beside the database. */
export function demoFiles(dataDir: string): DemoFiles {
  const dir = join(dataDir, 'demo');
  return {
    dir,
    key: join(dir, 'client.key'),
    certificate: join(dir, 'client.pem'),
    ca: join(dir, 'client-ca.pem'),
    p12: join(dir, 'client.p12'),
    record: join(dir, 'client.json'),
    edgeCa: join(dataDir, 'edge-ca.pem'),
  };
}

/**
 * Writes the edge CA always, and the client's files when a certificate was just issued (the
 * private key exists only then; a reused certificate keeps the files of the run that issued it).
 */
export async function writeDemoFiles(files: DemoFiles, state: DemoState, edgeCaPem: string): Promise<void> {
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  writeFileSync(files.edgeCa, edgeCaPem);
  writeFileSync(files.ca, state.managedCaPem);
  if (state.privateKeyPem === undefined) return;
  writeSecret(files.key, state.privateKeyPem);
  writeFileSync(files.certificate, state.certificate.certificate);
  const p12 = await toPkcs12({
    certificatePem: state.certificate.certificate,
    privateKeyPem: state.privateKeyPem,
    chainPems: [state.managedCaPem],
    password: demoP12Password,
  });
  writeSecret(files.p12, p12);
  writeFileSync(
    files.record,
    `${JSON.stringify({ id: state.certificate.id, zone_id: state.zone.id, serial_number: state.certificate.serial_number, fingerprint_sha256: state.certificate.fingerprint_sha256 }, null, 2)}\n`,
  );
}

function writeSecret(path: string, content: string | Uint8Array): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}
