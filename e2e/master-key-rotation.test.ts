// `portcullis master-key rotate` on a real data directory: every stored key resealed, serve restarts on the new key,
// the CA still signs and the edge still serves; a secret that does not open fails the rotation and changes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@portcullis/client';
import type { Hostname, Zone } from '@portcullis/model';
import { generateKeyAndCsr, masterKeyId } from '@portcullis/pki';
import { openStore, type SealedSecret } from '@portcullis/store';
import { cliBin, repoRoot } from './support/paths.js';
import {
  startEchoOrigin,
  startPortcullis,
  waitFor,
  type Portcullis,
  type RunningProcess,
} from './support/processes.js';
import { edgeRequest } from './support/tls-request.js';

let origin: RunningProcess & { url: string };
let portcullis: Portcullis | undefined;
let dataDir: string;
let zone: Zone;
let host: Hostname;

const keyFile = () => join(dataDir, 'master.key');
const keyText = (file: string) => readFileSync(file, 'utf8').trim();
const keyId = (file: string) => masterKeyId(new Uint8Array(Buffer.from(keyText(file), 'base64')));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliBin, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Status {
  currentKeyId: string;
  envelopes: Record<string, number>;
  total: number;
  unopened: { kind: string; id: string }[];
}

function status(): Status {
  const result = cli('master-key', 'status', '--data', dataDir, '--json');
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Status;
}

async function secrets(): Promise<SealedSecret[]> {
  const store = await openStore({ kind: 'sqlite', file: join(dataDir, 'portcullis.db') });
  try {
    return await store.secrets.list();
  } finally {
    await store.close();
  }
}

/** Starts serve on the data directory (dropping the address files of an earlier run). */
async function serve(): Promise<Portcullis> {
  for (const file of ['admin.address', 'edge.address']) rmSync(join(dataDir, file), { force: true });
  portcullis = await startPortcullis({ dataDir });
  return portcullis;
}

beforeAll(async () => {
  origin = await startEchoOrigin();
  dataDir = mkdtempSync(join(tmpdir(), 'portcullis-rotate-'));
  const running = await serve();
  const api = createClient({ baseUrl: running.adminUrl, token: running.token });
  const account = (await api.accounts.list()).items[0]!;
  zone = await api.zones.create({ name: 'rotate.test', account: { id: account.id } });
  host = await api.hostnames.create(zone.id, {
    hostname: 'api.rotate.test',
    origin: origin.url,
    mtls_mode: 'optional',
  });
  expect(await running.stop()).toBe(0);
  portcullis = undefined;
}, 120_000);

afterAll(async () => {
  await portcullis?.stop();
  await origin?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('portcullis master-key', () => {
  it('status counts the edge CA, managed CA and edge keys under the current key, all opening', () => {
    const current = keyId(keyFile());
    expect(status()).toEqual({
      currentKeyId: current,
      keys: [{ id: current, role: 'current', source: keyFile() }],
      envelopes: { [current]: 3 },
      total: 3,
      unopened: [],
    });
  });

  it('a secret that does not open fails the rotation, names it, and leaves keys, files and store as they were', async () => {
    const oldKey = keyText(keyFile());
    // Alter one byte of the hostname's envelope (its ciphertext part) through the store's own reseal.
    const store = await openStore({ kind: 'sqlite', file: join(dataDir, 'portcullis.db') });
    let original = '';
    await store.secrets.reseal((secret) => {
      if (secret.kind !== 'hostname') return secret.sealed;
      original = secret.sealed;
      const parts = secret.sealed.split('.');
      parts[3] = `${parts[3]!.startsWith('A') ? 'B' : 'A'}${parts[3]!.slice(1)}`;
      return parts.join('.');
    });
    await store.close();
    const before = await secrets();

    const result = cli('master-key', 'rotate', '--data', dataDir);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`the sealed key of hostname ${host.id} does not open`);
    expect(result.stderr).toContain('nothing was changed');
    expect(`${result.stdout}${result.stderr}`).not.toContain(oldKey);
    expect(keyText(keyFile())).toBe(oldKey);
    expect(existsSync(`${keyFile()}.next`)).toBe(false);
    expect(existsSync(`${keyFile()}.previous`)).toBe(false);
    expect(await secrets()).toEqual(before);
    const broken = cli('master-key', 'status', '--data', dataDir);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`hostname ${host.id}`);

    // Put the intact envelope back for the rotation that follows.
    const repair = await openStore({ kind: 'sqlite', file: join(dataDir, 'portcullis.db') });
    await repair.secrets.reseal((secret) => (secret.kind === 'hostname' ? original : secret.sealed));
    await repair.close();
    expect(status().unopened).toEqual([]);
  });

  it('rotate reseals everything under a new key and moves the old key to master.key.previous', () => {
    const oldKey = keyText(keyFile());
    const oldId = keyId(keyFile());
    const result = cli('master-key', 'rotate', '--data', dataDir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('resealed 3 of 3 stored keys');
    expect(result.stdout).toContain('restart `portcullis serve`');
    expect(keyText(keyFile())).not.toBe(oldKey);
    expect(keyText(`${keyFile()}.previous`)).toBe(oldKey);
    expect(existsSync(`${keyFile()}.next`)).toBe(false);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    const newKey = keyText(keyFile());
    expect(`${result.stdout}${result.stderr}`).not.toContain(newKey);
    expect(`${result.stdout}${result.stderr}`).not.toContain(oldKey);

    const after = status();
    const newId = keyId(keyFile());
    expect(after.currentKeyId).toBe(newId);
    expect(after.envelopes).toEqual({ [newId]: 3 });
    expect(after.unopened).toEqual([]);
    expect(newId).not.toBe(oldId);

    // A second rotation is refused while master.key.previous is still there.
    const again = cli('master-key', 'rotate', '--data', dataDir);
    expect(again.status).toBe(3);
    expect(again.stderr).toContain('master.key.previous is still there');
  });

  it('serve starts on the new key: the managed CA still signs and the edge still serves the host over TLS', async () => {
    const running = await serve();
    const api = createClient({ baseUrl: running.adminUrl, token: running.token });
    const { privateKeyPem, csrPem } = await generateKeyAndCsr({ subject: { common_name: 'after-rotation' } });
    const issued = await api.clientCertificates.create(zone.id, { csr: csrPem, validity_days: 30 });
    expect(issued.status).toBe('active');
    const ca = readFileSync(join(dataDir, 'edge-ca.pem'), 'utf8');
    const answer = await waitFor('the edge to serve the host', async () => {
      const response = await edgeRequest({
        port: running.edgePort,
        servername: 'api.rotate.test',
        path: '/hello',
        ca,
        cert: issued.certificate,
        key: privateKeyPem,
      });
      return response.status === 200 ? response : undefined;
    });
    expect(answer.status).toBe(200);
    // The audit log records the rotation (never the key).
    const audit = await api.auditLog.list(zone.account.id);
    expect(JSON.stringify(audit.items)).toContain('rotate_master_key');
  });
});
