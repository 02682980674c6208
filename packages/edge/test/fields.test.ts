// Every field the edge fills, read by real rules over a real mTLS request: one `log` rule per
// field comparing it with the value Cloudflare's format gives, and each must match.
import { certificateInfo, clientAuthFacts } from '@portcullis/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecurityEvent } from '@portcullis/model';
import { createEdge, staticSource, type Edge, type EdgeRule } from '../src/index.js';
import { buildConfig, createWorld, type World } from './support/fixture.js';
import { undiciRequest } from './support/clients.js';
import { startOrigin, type OriginProcess } from './support/origin.js';
import { quietLogger } from './support/wait.js';

let world: World;
let origin: OriginProcess;
let edge: Edge;
let port: number;
const events: SecurityEvent[] = [];
let expectations: Record<string, string>;

const der = (pem: string): Buffer => Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
const q = (value: string): string => JSON.stringify(value);

beforeAll(async () => {
  world = createWorld();
  origin = await startOrigin();
  const leaf = world.certs.valid;
  const managed = certificateInfo(world.managedCa.certPem);
  const facts = clientAuthFacts(der(leaf.certPem), [], { issuerDer: der(world.managedCa.certPem) });
  const A = 'cf.tls_client_auth.';
  expectations = {
    presented: `${A}cert_presented`,
    verified: `${A}cert_verified`,
    notRevoked: `not ${A}cert_revoked`,
    issuerDn: `${A}cert_issuer_dn eq ${q(facts.issuerDn)}`,
    subjectDn: `${A}cert_subject_dn eq ${q(facts.subjectDn)}`,
    issuerDn2253: `${A}cert_issuer_dn_rfc2253 eq ${q(facts.issuerDnRfc2253)}`,
    subjectDn2253: `${A}cert_subject_dn_rfc2253 eq ${q(facts.subjectDnRfc2253)}`,
    issuerDnLegacy: `${A}cert_issuer_dn_legacy eq ${q(facts.issuerDnLegacy)}`,
    subjectDnLegacy: `${A}cert_subject_dn_legacy eq ${q(facts.subjectDnLegacy)}`,
    serial: `${A}cert_serial eq ${q(leaf.serialHex)}`,
    issuerSerial: `${A}cert_issuer_serial eq ${q(managed.serialHex)}`,
    sha256: `${A}cert_fingerprint_sha256 eq ${q(certificateInfo(leaf.certPem).fingerprintSha256)}`,
    sha1: `${A}cert_fingerprint_sha1 eq ${q(certificateInfo(leaf.certPem).fingerprintSha1)}`,
    notBefore: `${A}cert_not_before eq ${q(facts.notBefore)}`,
    notAfter: `${A}cert_not_after eq ${q(facts.notAfter)}`,
    ski: `${A}cert_ski eq ${q(certificateInfo(leaf.certPem).skiHex.toUpperCase())}`,
    issuerSki: `${A}cert_issuer_ski eq ${q(managed.skiHex.toUpperCase())}`,
    rfc9440: `${A}cert_rfc9440 eq ${q(`:${der(leaf.certPem).toString('base64')}:`)}`,
    rfc9440Small: `not ${A}cert_rfc9440_too_large`,
    chainEmpty: `${A}cert_chain_rfc9440 eq "" and not ${A}cert_chain_rfc9440_too_large`,
    ssl: 'ssl',
    tlsVersion: 'cf.tls_version eq "TLSv1.3"',
    tlsCipher: 'cf.tls_cipher eq "TLS_AES_256_GCM_SHA384"',
    helloLength: 'cf.tls_client_hello_length gt 100',
    helloRandom: 'len(cf.tls_client_random) eq 44',
    host: 'http.host eq "api.example.test"',
    uri: 'http.request.uri eq "/fields/a.JSON?a=1&b=%41"',
    path: 'http.request.uri.path eq "/fields/a.JSON"',
    extension: 'http.request.uri.path.extension eq "json"',
    query: 'http.request.uri.query eq "a=1&b=%41"',
    fullUri: 'http.request.full_uri eq "https://api.example.test/fields/a.JSON?a=1&b=%41"',
    args: 'http.request.uri.args["b"][0] eq "A" and any(http.request.uri.args.names[*] eq "a")',
    rawPath: 'raw.http.request.uri.path eq "/fields/%61.JSON"',
    method: 'http.request.method eq "GET"',
    version: 'http.request.version eq "HTTP/1.1"',
    userAgent: 'http.user_agent eq "portcullis-test"',
    header: 'http.request.headers["x-test"][0] eq "v1" and any(http.request.headers.names[*] eq "x-test")',
    cookie: 'http.cookie contains "session=s1" and http.request.cookies["session"][0] eq "s1"',
    ip: 'ip.src eq 127.0.0.1',
    port: `cf.edge.server_port eq ${0}`, // replaced once the port is known
    ray: 'len(cf.ray_id) eq 16',
  };
  const rules = (p: number): EdgeRule[] =>
    Object.entries(expectations).map(([id, expression]) => ({
      id,
      expression: id === 'port' ? `cf.edge.server_port eq ${p}` : expression,
      action: 'log',
    }));
  const source = staticSource(
    buildConfig(world, { originUrl: origin.url, managedCaSki: managed.skiHex.toUpperCase() }),
  );
  edge = createEdge({
    listen: { host: '127.0.0.1', port: 0 },
    source,
    logger: quietLogger(),
    onSecurityEvent: (e) => events.push(e),
  });
  await edge.start();
  port = edge.address().port;
  source.set(
    buildConfig(world, {
      originUrl: origin.url,
      managedCaSki: managed.skiHex.toUpperCase(),
      version: 2,
      extraRules: rules(port),
    }),
  );
  while (edge.snapshot()?.version !== 2) await new Promise((r) => setTimeout(r, 5));
});

afterAll(async () => {
  await edge?.close();
  await origin?.stop();
  world?.pki.dispose();
});

describe('request and certificate fields', () => {
  it('fills every field with the value Cloudflare gives it', async () => {
    const res = await undiciRequest(port, '/fields/%61.JSON?a=1&b=%41', {
      ca: world.serverCa.certPem,
      cert: world.certs.valid,
      headers: { 'user-agent': 'portcullis-test', 'x-test': 'v1', cookie: 'session=s1; other=2' },
    });
    expect(res.status).toBe(200);
    const matched = new Set(events.filter((e) => e.action === 'log').map((e) => e.rule_id));
    const missing = Object.keys(expectations).filter((id) => !matched.has(id));
    expect(missing).toEqual([]);
  });

  it('gives the Cloudflare defaults when no certificate is presented', async () => {
    events.length = 0;
    const res = await undiciRequest(port, '/x', { ca: world.serverCa.certPem });
    expect(res.status).toBe(200);
    const matched = new Set(events.filter((e) => e.action === 'log').map((e) => e.rule_id));
    for (const id of ['presented', 'verified', 'serial', 'issuerDn', 'rfc9440', 'issuerSki'])
      expect(matched.has(id)).toBe(false);
    expect(matched.has('notRevoked')).toBe(true);
    expect(matched.has('chainEmpty')).toBe(true);
  });
});
