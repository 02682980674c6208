// The dashboard in Debian's Chromium against the real API (Fastify + SQLite store) serving the built files:
// sign in, create a zone, add a host, issue and revoke a certificate, check and deploy rules, see what expires
// soon and drill into security events.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bootstrap, buildApp } from '@portcullis/api';
import { openStore, type Store } from '@portcullis/store';
import { createClient, type PortcullisClient } from '@portcullis/client';
import { CUSTOM_RULES_PHASE } from '@portcullis/model';
import { cloudflareScheme, compile, renderDiagnostics } from '@portcullis/rules';
import { buildCrl, createCa, generateKeyAndCsr } from '@portcullis/pki';
import { repoRoot } from './support/paths.js';

/** Reads the page's sessionStorage values inside the browser (self-contained: it is serialised to the page). */
const sessionStorageValues = (): string[] =>
  Object.values((globalThis as unknown as { sessionStorage: Record<string, string> }).sessionStorage);

const chromiumPath = process.env['PORTCULLIS_CHROMIUM'] ?? '/usr/bin/chromium';
const dashboardDir = join(repoRoot, 'packages', 'dashboard', 'dist');
// A developer without the browser gets a loud skip; under CI (.ci/run installs Chromium) the suite
// always runs, so a missing browser fails instead of passing unseen.
const haveChromium = existsSync(chromiumPath) || process.env['CI'] !== undefined;
if (!haveChromium) {
  console.warn(`dashboard browser tests SKIPPED: no Chromium at ${chromiumPath} (apt-get install chromium)`);
}

/** Polls an API-side condition; generous, since CI shares two cores between many suites. */
function eventually<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 15_000, interval: 100 });
}

describe.skipIf(!haveChromium)('dashboard in Chromium', () => {
  let dataDir: string;
  let store: Store;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let baseUrl: string;
  let token: string;
  let api: PortcullisClient;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(dashboardDir, 'index.html'))) {
      throw new Error(`the dashboard is not built (${dashboardDir}); run npm run build`);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'portcullis-dashboard-'));
    store = await openStore({ kind: 'sqlite', file: join(dataDir, 'portcullis.db') });
    const masterKey = new Uint8Array(randomBytes(32));
    const boot = await bootstrap(store, { masterKey });
    if (boot.adminToken === undefined) throw new Error('bootstrap generated no admin token');
    token = boot.adminToken;
    app = await buildApp({ store, masterKey, dashboardDir });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('the API did not listen on TCP');
    baseUrl = `http://127.0.0.1:${address.port}`;
    api = createClient({ baseUrl, token });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage();
    // Uncaught exceptions and Content-Security-Policy refusals are bugs wherever they happen.
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(`csp: ${message.text()}`);
    });
    // Confirmation dialogs (revoke) are accepted, as a user who meant it would.
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a wrong token with the API message, then signs in with the real one', async () => {
    await page.goto(baseUrl + '/');
    await page.getByLabel('API token').fill('not-a-real-token-0000000000000000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim().length).toBeGreaterThan(0);

    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Zones' }).waitFor();
    // The token lives in sessionStorage, never in the URL.
    expect(page.url()).not.toContain(token);
    expect(await page.evaluate(sessionStorageValues)).toContain(token);
  });

  it('creates a zone and opens its mTLS page', async () => {
    await page.getByLabel('Zone name').fill('shop.test');
    await page.getByRole('button', { name: 'Create zone' }).click();
    await page.getByRole('heading', { name: /shop\.test/ }).waitFor();
    const zones = (await api.zones.list()).items;
    expect(zones.map((z) => z.name)).toContain('shop.test');
    expect(page.url()).toContain(`#/zones/${zones.find((z) => z.name === 'shop.test')!.id}`);
  });

  it('shows the managed CA SKI in the rules format', async () => {
    const zone = await zoneByName('shop.test');
    const ca = await api.zones.managedCa(zone.id);
    const shown = page.getByTestId('managed-ca-ski');
    await shown.waitFor();
    expect(await shown.textContent()).toBe(ca.ski.toUpperCase());
  });

  it('adds a host with its origin and mTLS mode, trusting the managed CA', async () => {
    const form = page.getByRole('form', { name: 'Add host' });
    await form.getByLabel('Host', { exact: true }).fill('gw');
    await form.getByLabel('Origin URL', { exact: true }).fill('http://127.0.0.1:9');
    await form.getByLabel('mTLS mode', { exact: true }).selectOption('optional');
    await form.getByRole('button', { name: 'Add host' }).click();
    const row = page.getByRole('table', { name: 'Hosts' }).getByRole('row', { name: /gw\.shop\.test/ });
    await row.waitFor();
    await eventually(() => row.getByRole('checkbox', { name: 'Managed CA' }).isChecked()).toBe(true);

    const zone = await zoneByName('shop.test');
    const hosts = (await api.hostnames.list(zone.id)).items;
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toMatchObject({
      hostname: 'gw.shop.test',
      origin: 'http://127.0.0.1:9',
      mtls_mode: 'optional',
    });
    expect((await api.hostnameAssociations.get(zone.id)).hostnames).toContain('gw.shop.test');

    // Toggling the mode writes through the API.
    await row.getByLabel('mTLS mode for gw.shop.test').selectOption('required');
    await eventually(async () => (await api.hostnames.list(zone.id)).items[0]?.mtls_mode).toBe('required');

    // The origin can be changed in place.
    await row.getByRole('button', { name: 'Edit origin of gw.shop.test' }).click();
    const originForm = page.getByRole('form', { name: 'Origin of gw.shop.test' });
    await originForm.getByLabel('Origin URL', { exact: true }).fill('http://127.0.0.1:10');
    await originForm.getByRole('button', { name: 'Save origin' }).click();
    await originForm.waitFor({ state: 'detached' });
    await eventually(async () => (await api.hostnames.list(zone.id)).items[0]?.origin).toBe(
      'http://127.0.0.1:10',
    );
    await row.getByText('http://127.0.0.1:10').waitFor();
  });

  it('generates a key and certificate, shows the private key once, then revokes the certificate', async () => {
    await page.getByRole('button', { name: 'Add certificate' }).click();
    const form = page.getByRole('form', { name: 'Create client certificate' });
    await form.getByLabel('Generate a private key for me').check();
    await form.getByLabel('Key type').selectOption('ecdsa-p256');
    await form.getByLabel('Common name (CN)').fill('device-0001');
    await form.getByLabel('PKCS#12 password (optional)').fill('p12 secret');
    await form.getByRole('button', { name: 'Create certificate' }).click();

    const result = page.getByRole('region', { name: 'New certificate' });
    const key = result.getByLabel('Private key', { exact: true });
    await key.waitFor();
    expect(await key.inputValue()).toMatch(/^-----BEGIN (EC )?PRIVATE KEY-----/);
    const certificatePem = await result.getByLabel('Certificate', { exact: true }).inputValue();
    expect(certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);

    // The .p12 download holds this certificate and opens with the chosen password.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      result.getByRole('button', { name: 'Download .p12 (certificate, key and CA)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('device-0001.p12');
    const p12File = join(dataDir, 'device-0001.p12');
    await download.saveAs(p12File);
    const dump = execFileSync('openssl', ['pkcs12', '-in', p12File, '-passin', 'pass:p12 secret', '-nodes'], {
      encoding: 'utf8',
    });
    expect(dump).toContain(certificatePem.trim().split('\n')[1]);
    expect(dump).toMatch(/-----BEGIN PRIVATE KEY-----/);
    await result.getByRole('button', { name: 'I have saved the private key' }).click();
    await result.waitFor({ state: 'detached' });
    // Once dismissed, the key is nowhere in the page.
    expect(await page.content()).not.toContain('PRIVATE KEY-----');

    const table = page.getByRole('table', { name: 'Client certificates' });
    const row = table.getByRole('row', { name: /device-0001/ });
    await row.getByText('active', { exact: true }).waitFor();

    await row.getByRole('button', { name: 'Revoke device-0001' }).click();
    await row.getByText(/^(revoked|pending revocation)$/).waitFor();
    const zone = await zoneByName('shop.test');
    const [cert] = (await api.clientCertificates.list(zone.id, { status: 'all' })).items;
    expect(cert?.status).toMatch(/^(revoked|pending_revocation)$/);
    expect(cert?.common_name).toBe('device-0001');

    // The status filter lists it under revoked and not under active.
    await page.getByLabel('Status', { exact: true }).selectOption(cert!.status);
    await table.getByRole('row', { name: /device-0001/ }).waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('active');
    await page.getByText('No certificates with this status.').waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('all');
  });

  it('issues a certificate from a pasted CSR without any private key, and reactivates a revoked one', async () => {
    const { csrPem } = await generateKeyAndCsr({
      subject: { common_name: 'sensor-csr', organization: 'Acme Devices', country: 'GB' },
    });
    await page.getByRole('button', { name: 'Add certificate' }).click();
    const form = page.getByRole('form', { name: 'Create client certificate' });
    await form.getByLabel('Use my own CSR').check();
    await form.getByLabel('CSR (PEM)', { exact: true }).fill(csrPem);
    await form.getByLabel('Validity', { exact: true }).selectOption('30');
    await form.getByRole('button', { name: 'Create certificate' }).click();
    const result = page.getByRole('region', { name: 'New certificate' });
    await result.getByLabel('Certificate', { exact: true }).waitFor();
    expect(await result.getByLabel('Private key', { exact: true }).count()).toBe(0);
    await result.getByRole('button', { name: 'Done' }).click();

    const table = page.getByRole('table', { name: 'Client certificates' });
    await table
      .getByRole('row', { name: /sensor-csr/ })
      .getByText('active', { exact: true })
      .waitFor();
    const zone = await zoneByName('shop.test');
    const issued = (await api.clientCertificates.list(zone.id, { status: 'all' })).items.find(
      (c) => c.common_name === 'sensor-csr',
    );
    expect(issued).toMatchObject({
      organization: 'Acme Devices',
      country: 'GB',
      validity_days: 30,
      status: 'active',
    });
    const csrRow = table.getByRole('row', { name: /sensor-csr/ });
    await csrRow.getByText('Details').click();
    await csrRow.getByText(issued!.fingerprint_sha256).waitFor();
    await csrRow.getByText('CN=sensor-csr, O=Acme Devices, C=GB').waitFor();

    // The revoked certificate of the earlier step comes back.
    const revokedRow = table.getByRole('row', { name: /device-0001/ });
    await revokedRow.getByRole('button', { name: 'Reactivate device-0001' }).click();
    await revokedRow.getByText(/^(active|pending reactivation)$/).waitFor();
    const device = (await api.clientCertificates.list(zone.id, { status: 'all' })).items.find(
      (c) => c.common_name === 'device-0001',
    );
    expect(device?.status).toMatch(/^(active|pending_reactivation)$/);
  });

  it('shows the diagnostic of an invalid expression with its position, before sending anything', async () => {
    await page.getByRole('button', { name: 'Add rule' }).click();
    const editor = page.getByRole('form', { name: 'Add rule' });
    const invalid = 'http.host eq "gw.shop.test" and cf.tls_client_auth.cert_verifed';
    await editor.getByLabel('Expression', { exact: true }).fill(invalid);

    const expected = compile(invalid, cloudflareScheme);
    expect(expected.ok).toBe(false);
    if (expected.ok) return;
    const rendered = renderDiagnostics(invalid, expected.diagnostics);
    const position = /\((\d+:\d+)\)/.exec(rendered)![1]!;

    const problems = editor.getByRole('status', { name: 'Expression problems' });
    await problems.waitFor();
    expect(await problems.textContent()).toContain(position);
    expect(await problems.textContent()).toContain(expected.diagnostics[0]!.message);
    expect(await editor.getByLabel('Caret rendering').textContent()).toBe(rendered);
    // The span is underlined in the editor and the field is marked invalid; Deploy is off.
    const [start, end] = expected.diagnostics[0]!.span;
    expect(await editor.locator('mark.diagnostic-span').first().textContent()).toBe(
      invalid.slice(start, end),
    );
    expect(await editor.getByLabel('Expression', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await editor.getByRole('button', { name: 'Deploy' }).isDisabled()).toBe(true);
    await editor.getByRole('button', { name: 'Cancel' }).click();

    const zone = await zoneByName('shop.test');
    const rules = await api.rulesets.getEntrypoint(zone.id, CUSTOM_RULES_PHASE).then(
      (r) => r.rules,
      () => [],
    );
    expect(rules).toHaveLength(0);
  });

  it('creates the safe mTLS rule from the template, tests it on the bench, deploys it and reads it back', async () => {
    await page.getByRole('button', { name: 'Create mTLS rule', exact: true }).click();
    const editor = page.getByRole('form', { name: 'Create mTLS rule' });
    const expression = editor.getByLabel('Expression', { exact: true });
    await eventually(() => expression.inputValue()).toBe(
      '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.host in {"gw.shop.test"}',
    );
    await editor.getByRole('status').filter({ hasText: 'Valid expression' }).waitFor();

    const bench = editor.getByRole('group', { name: 'Test bench' });
    await bench.getByRole('button', { name: 'Revoked certificate' }).click();
    await bench.getByText(/^Matches/).waitFor();
    await bench.getByRole('button', { name: 'Valid certificate' }).click();
    await bench.getByText(/^Does not match/).waitFor();
    await bench.getByRole('button', { name: 'No certificate' }).click();
    await bench.getByText(/^Matches/).waitFor();

    await editor.getByLabel('Action').selectOption('block');
    await editor.getByLabel('Custom response').check();
    await editor.getByLabel('Response status').fill('401');
    await editor.getByLabel('Response body').fill('client certificate required');
    await editor.getByRole('button', { name: 'Deploy' }).click();
    await editor.waitFor({ state: 'detached' });
    await page
      .getByRole('table', { name: 'Custom rules' })
      .getByRole('row', { name: /valid, unrevoked/ })
      .waitFor();

    const zone = await zoneByName('shop.test');
    const ruleset = await api.rulesets.getEntrypoint(zone.id, CUSTOM_RULES_PHASE);
    expect(ruleset.rules).toHaveLength(1);
    expect(ruleset.rules[0]).toMatchObject({
      expression:
        '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.host in {"gw.shop.test"}',
      action: 'block',
      enabled: true,
      action_parameters: { response: { status_code: 401, content: 'client certificate required' } },
    });
  });

  it('pins the issuer, edits, reorders and deletes rules', async () => {
    const zone = await zoneByName('shop.test');
    const ski = (await api.zones.managedCa(zone.id)).ski.toUpperCase();
    await page.getByRole('button', { name: 'Create mTLS rule pinned to the managed CA' }).click();
    const editor = page.getByRole('form', { name: 'Create mTLS rule' });
    const expression = editor.getByLabel('Expression', { exact: true });
    await eventually(() => expression.inputValue()).toContain(
      `cf.tls_client_auth.cert_issuer_ski ne "${ski}"`,
    );
    const bench = editor.getByRole('group', { name: 'Test bench' });
    await bench.getByRole('button', { name: 'Certificate from another CA' }).click();
    await bench.getByText(/^Matches/).waitFor();
    await bench.getByRole('button', { name: 'Valid certificate' }).click();
    await bench.getByText(/^Does not match/).waitFor();
    await editor.getByLabel('Rule name', { exact: true }).fill('Pinned to the managed CA');
    await editor.getByLabel('Action', { exact: true }).selectOption('log');
    await editor.getByRole('button', { name: 'Deploy' }).click();
    await editor.waitFor({ state: 'detached' });

    const rules = page.getByRole('table', { name: 'Custom rules' });
    await rules.getByRole('row', { name: /Pinned to the managed CA/ }).waitFor();
    const order = async () =>
      (await api.rulesets.getEntrypoint(zone.id, CUSTOM_RULES_PHASE)).rules.map((r) => r.description);
    expect(await order()).toEqual([
      'Require a valid, unrevoked client certificate',
      'Pinned to the managed CA',
    ]);

    await page.getByRole('button', { name: 'Move Pinned to the managed CA up' }).click();
    await eventually(order).toEqual([
      'Pinned to the managed CA',
      'Require a valid, unrevoked client certificate',
    ]);
    await eventually(async () => (await rules.getByRole('row').nth(1).textContent()) ?? '').toContain(
      'Pinned to the managed CA',
    );

    await page.getByRole('button', { name: 'Edit Pinned to the managed CA' }).click();
    const edit = page.getByRole('form', { name: 'Edit rule' });
    expect(await edit.getByLabel('Action', { exact: true }).inputValue()).toBe('log');
    await edit.getByLabel('Action', { exact: true }).selectOption('block');
    await edit.getByRole('button', { name: 'Deploy' }).click();
    await edit.waitFor({ state: 'detached' });
    await eventually(
      async () => (await api.rulesets.getEntrypoint(zone.id, CUSTOM_RULES_PHASE)).rules[0]?.action,
    ).toBe('block');

    // Switching a rule off keeps it in place, disabled.
    await rules
      .getByRole('row', { name: /Pinned to the managed CA/ })
      .getByRole('checkbox', { name: 'Enabled' })
      .uncheck();
    await eventually(
      async () => (await api.rulesets.getEntrypoint(zone.id, CUSTOM_RULES_PHASE)).rules[0]?.enabled,
    ).toBe(false);

    await page.getByRole('button', { name: 'Delete Pinned to the managed CA' }).click();
    await rules.getByRole('row', { name: /Pinned to the managed CA/ }).waitFor({ state: 'detached' });
    expect(await order()).toEqual(['Require a valid, unrevoked client certificate']);
  });

  it('uploads a CA, lets the host trust it, and shows its CRL status', async () => {
    const ca = await createCa({ commonName: 'Factory Devices CA' });
    const form = page.getByRole('form', { name: 'Upload CA' });
    await form.getByLabel('CA name', { exact: true }).fill('Factory Devices CA');
    await form.getByLabel('CA certificate (PEM)', { exact: true }).fill(ca.certificatePem);
    await form.getByRole('button', { name: 'Upload CA' }).click();
    const row = page
      .getByRole('table', { name: 'Uploaded CAs' })
      .getByRole('row', { name: /Factory Devices CA/ });
    await row.getByText(/No CRL/).waitFor();

    const account = (await api.accounts.list()).items[0]!;
    const [uploaded] = await api.mtlsCertificates.list(account.id);
    expect(uploaded).toMatchObject({ name: 'Factory Devices CA', ca: true });

    // The host row offers the new CA; ticking it associates the host through the API.
    const hostRow = page.getByRole('table', { name: 'Hosts' }).getByRole('row', { name: /gw\.shop\.test/ });
    await hostRow.getByRole('checkbox', { name: 'Factory Devices CA' }).check();
    const zone = await zoneByName('shop.test');
    await eventually(
      async () => (await api.hostnameAssociations.get(zone.id, uploaded!.id)).hostnames,
    ).toEqual(['gw.shop.test']);

    const now = new Date();
    const crl = await buildCrl({
      ca: { certificatePem: ca.certificatePem, privateKeyPem: ca.privateKeyPem },
      entries: [{ serialHex: '0A1B2C3D', revokedAt: now }],
      crlNumber: 1,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 7 * 86_400_000),
    });
    await row.getByRole('button', { name: 'Set CRL for Factory Devices CA' }).click();
    await row.getByLabel('CRL (PEM)', { exact: true }).fill(crl.pem);
    await row.getByRole('button', { name: 'Save CRL' }).click();
    await row.getByText(/1 revoked · uploaded/).waitFor();
    expect((await api.mtlsCertificates.getCrl(account.id, uploaded!.id)).entries).toBe(1);
  });

  it('lists recent security events with their certificate facts', async () => {
    const zone = await zoneByName('shop.test');
    await store.securityEvents.append([
      {
        occurred_at: new Date().toISOString(),
        ray_id: '8c1f2e3d4b5a6978',
        zone_id: zone.id,
        host: 'gw.shop.test',
        method: 'GET',
        path: '/admin',
        client_ip: '198.51.100.7',
        ruleset_id: null,
        rule_id: null,
        action: 'block',
        client_auth: {
          cert_presented: true,
          cert_verified: true,
          cert_revoked: true,
          cert_serial: '7BAD00D082AE',
          cert_issuer_ski: '',
          cert_fingerprint_sha256: '',
        },
        // 12 identical matches within a second, folded by the gateway into this one event.
        count: 12,
      },
    ]);
    await page.getByRole('button', { name: 'Refresh events' }).click();
    const row = page
      .getByRole('table', { name: 'Security events' })
      .getByRole('row', { name: /8c1f2e3d4b5a6978/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('GET gw.shop.test/admin');
    expect(await row.textContent()).toContain('revoked');
    expect(await row.textContent()).toContain('7BAD00D082AE');
    expect(await row.locator('.badge-count').textContent()).toBe('×12');
  });

  it('lists what expires soon: a 5-day certificate with its days left, a wider window on demand, and an empty state', async () => {
    const zone = await zoneByName('shop.test');
    const short = await api.clientCertificates.create(zone.id, {
      validity_days: 5,
      generate_key: { subject: { common_name: 'short-lived-5' } },
    });
    await api.clientCertificates.create(zone.id, {
      validity_days: 60,
      generate_key: { subject: { common_name: 'two-months' } },
    });
    const gone = await api.clientCertificates.create(zone.id, {
      validity_days: 3,
      generate_key: { subject: { common_name: 'revoked-3' } },
    });
    await api.clientCertificates.revoke(zone.id, gone.id);
    await page.reload();
    const panel = page.getByRole('region', { name: 'Expiring soon' });
    const table = panel.getByRole('table', { name: 'Expiring soon' });
    const row = table.getByRole('row', { name: /short-lived-5/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Client certificate');
    expect(await row.getByRole('cell').last().textContent()).toBe('5 days');
    expect(await row.textContent()).toContain(short.expires_on.slice(0, 10));
    // Only active certificates within the window (30 days by default).
    expect(await table.getByRole('row', { name: /two-months/ }).count()).toBe(0);
    expect(await table.getByRole('row', { name: /revoked-3/ }).count()).toBe(0);
    await panel.getByLabel('Client certificates within').selectOption('90');
    const wider = table.getByRole('row', { name: /two-months/ });
    await wider.waitFor();
    expect(await wider.getByRole('cell').last().textContent()).toBe('60 days');
    // Soonest first.
    const names = await table.locator('tbody th').allTextContents();
    expect(names.indexOf('short-lived-5')).toBeLessThan(names.indexOf('two-months'));

    const quiet = await api.zones.create({ name: 'quiet.test', account: { id: zone.account.id } });
    await page.goto(`${baseUrl}/#/zones/${quiet.id}`);
    await page.getByRole('region', { name: 'Expiring soon' }).getByText('Nothing is due').waitFor();
    expect(await page.getByRole('table', { name: 'Expiring soon' }).count()).toBe(0);
    await page.goto(`${baseUrl}/#/zones/${zone.id}`);
    await page.getByRole('region', { name: 'Security events' }).waitFor();
  });

  it('summarises security events by rule, host and certificate; a click on a bar filters the list', async () => {
    const zone = await zoneByName('shop.test');
    const entrypoint = await api.rulesets.getEntrypoint(zone.id, CUSTOM_RULES_PHASE);
    const ruleset = await api.rulesets.createRule(zone.id, entrypoint.id, {
      expression: 'not cf.tls_client_auth.cert_verified',
      action: 'log',
      description: 'unverified clients',
    });
    const rule = ruleset.rules.find((r) => r.description === 'unverified clients')!;
    const short = (await api.clientCertificates.list(zone.id, { expiring_within_days: 10 })).items.find(
      (c) => c.common_name === 'short-lived-5',
    )!;
    const facts = (fingerprint: string, serial: string) => ({
      cert_presented: true,
      cert_verified: false,
      cert_revoked: false,
      cert_serial: serial,
      cert_issuer_ski: '',
      cert_fingerprint_sha256: fingerprint,
    });
    const event = (n: number, host: string, auth: ReturnType<typeof facts>, count = 1) => ({
      occurred_at: new Date().toISOString(),
      ray_id: `drill${n}`,
      zone_id: zone.id,
      host,
      method: 'GET',
      path: `/drill/${n}`,
      client_ip: '198.51.100.9',
      ruleset_id: ruleset.id,
      rule_id: rule.id,
      action: 'log',
      client_auth: auth,
      count,
    });
    const known = facts(short.fingerprint_sha256, BigInt(short.serial_number).toString(16).toUpperCase());
    const earlier = (await api.securityEvents.list(zone.id)).resultInfo?.total_count ?? 0;
    await store.securityEvents.append([
      event(1, 'gw.shop.test', known, 5), // five matches folded into one event
      event(2, 'gw.shop.test', known),
      event(3, 'gw.shop.test', known),
      event(4, 'iot.shop.test', facts('c'.repeat(64), '0C0FFEE0')),
    ]);
    const section = page.getByRole('region', { name: 'Security events' });
    await section.getByRole('button', { name: 'Refresh events' }).click();
    const rows = section.getByRole('table', { name: 'Security events' }).locator('tbody tr');
    await eventually(() => rows.count()).toBe(earlier + 4);
    expect(await rows.filter({ hasText: 'drill1' }).locator('.badge-count').textContent()).toBe('×5');
    expect(await rows.filter({ hasText: 'drill2' }).locator('.badge-count').count()).toBe(0);

    // The bars count matches: the folded event adds its five.
    const certificates = section.getByRole('list', { name: 'Top client certificates' });
    const bar = certificates.getByRole('button', { name: 'short-lived-5: 7 matches' });
    await bar.waitFor();
    expect(await certificates.getByRole('button', { name: 'serial 0C0FFEE0: 1 match' }).count()).toBe(1);
    expect(
      await section
        .getByRole('list', { name: 'Matches by rule' })
        .getByRole('button', { name: 'unverified clients: 8 matches' })
        .count(),
    ).toBe(1);
    await section
      .getByRole('list', { name: 'Matches by host' })
      .getByRole('button', { name: /^gw\.shop\.test: \d+ matches$/ })
      .waitFor();

    await bar.click();
    await eventually(() => rows.count()).toBe(3);
    expect((await rows.allTextContents()).every((text) => text.includes('/drill/'))).toBe(true);
    expect(await bar.getAttribute('aria-pressed')).toBe('true');
    await section
      .getByRole('group', { name: 'Active filters' })
      .getByRole('button', { name: 'Remove filter Certificate: short-lived-5' })
      .waitFor();

    // A second filter narrows further; clicking the same bar again removes its filter.
    await section
      .getByRole('list', { name: 'Matches by host' })
      .getByRole('button', { name: 'iot.shop.test: 1 match' })
      .click();
    await eventually(() => rows.count()).toBe(0);
    await section.getByText('No event matches these filters').waitFor();
    await bar.click();
    await eventually(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('0C0FFEE0');
    await section.getByRole('button', { name: 'Clear filters' }).click();
    await eventually(() => rows.count()).toBe(earlier + 4);
  });

  it("lists the zone's recent changes from the audit log, newest first, with who made them", async () => {
    const zone = await zoneByName('shop.test');
    const section = page.getByRole('region', { name: 'Recent changes' });
    const rows = section.getByRole('table', { name: 'Recent changes' }).locator('tbody tr');
    // The revocation made through the dashboard earlier is there, attributed to the signed-in token.
    await rows.filter({ hasText: 'revoke' }).filter({ hasText: 'client_certificate' }).first().waitFor();
    // A change made elsewhere shows first after a refresh, as the API lists it.
    const probe = await api.clientCertificates.create(zone.id, {
      validity_days: 7,
      generate_key: { subject: { common_name: 'audit-probe' } },
    });
    await section.getByRole('button', { name: 'Refresh' }).click();
    await eventually(async () => (await rows.first().textContent()) ?? '').toContain(probe.id);
    const [newest] = (await api.auditLog.list(zone.account.id, { zone_id: zone.id, per_page: 1 })).items;
    expect(newest?.resource.id).toBe(probe.id);
    const first = (await rows.first().textContent()) ?? '';
    expect(first).toContain('create');
    expect(first).toContain('client_certificate');
    expect(first).toContain('key_generated: true');
    expect(first).not.toContain('PRIVATE KEY');
  });

  it('shows an API refusal with the envelope message', async () => {
    // A zone that already exists is refused by the API; the dashboard shows the API's own words.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Zones' }).click();
    await page.getByLabel('Zone name').fill('shop.test');
    await page.getByRole('button', { name: 'Create zone' }).click();
    const alert = page.getByRole('form', { name: 'Create zone' }).getByRole('alert');
    await alert.waitFor();
    let message = '';
    try {
      await api.zones.create({
        name: 'shop.test',
        account: { id: (await api.accounts.list()).items[0]!.id },
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toBe('');
    expect(await alert.textContent()).toContain(message);
  });

  it('signs out when the API stops accepting the token', async () => {
    const account = (await api.accounts.list()).items[0]!;
    const temporary = await api.tokens.create(account.id, {
      name: 'short-lived',
      permissions: { zones: 'read' },
    });
    const other = await browser.newPage();
    try {
      await other.goto(baseUrl + '/');
      await other.getByLabel('API token').fill(temporary.value);
      await other.getByRole('button', { name: 'Sign in' }).click();
      await other.getByRole('heading', { name: 'Zones' }).waitFor();
      await api.tokens.revoke(account.id, temporary.id);
      await other.getByRole('link', { name: 'shop.test' }).click();
      await other.getByRole('alert').filter({ hasText: 'no longer accepts this token' }).waitFor();
      await other.getByLabel('API token').waitFor();
      expect(await other.evaluate(sessionStorageValues)).not.toContain(temporary.value);
    } finally {
      await other.close();
    }
  });

  it('creates a least-privilege API token shown once, and revokes it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' }).click();
    const form = page.getByRole('form', { name: 'Create API token' });
    await form.getByLabel('Token name', { exact: true }).fill('ci-read-zones');
    await form.getByLabel('Access to zones', { exact: true }).selectOption('read');
    await form.getByRole('button', { name: 'Create token' }).click();
    const value = await page.getByLabel('Token value', { exact: true }).inputValue();
    expect(value.length).toBeGreaterThan(20);

    // The new token reads zones and nothing else.
    const limited = createClient({ baseUrl, token: value });
    expect((await limited.zones.list()).items.map((z) => z.name)).toContain('shop.test');
    const zone = await zoneByName('shop.test');
    await expect(limited.clientCertificates.list(zone.id)).rejects.toMatchObject({ status: 403 });

    await page.getByRole('button', { name: 'I have saved the token' }).click();
    expect(await page.content()).not.toContain(value);
    const row = page.getByRole('table', { name: 'Tokens' }).getByRole('row', { name: /ci-read-zones/ });
    await row.getByRole('button', { name: 'Revoke token ci-read-zones' }).click();
    await eventually(async () => {
      try {
        await limited.tokens.verify();
        return 'accepted';
      } catch (error) {
        return (error as { status?: number }).status;
      }
    }).toBe(401);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Zones' }).click();
  });

  it('ran every step without an uncaught error or a Content-Security-Policy refusal', () => {
    expect(problems).toEqual([]);
  });

  async function zoneByName(name: string) {
    const zone = (await api.zones.list({ name })).items.find((z) => z.name === name);
    if (!zone) throw new Error(`zone ${name} not found through the API`);
    return zone;
  }
});
