// Hostile input: mutated CSRs, CRLs and CA bundles only ever produce PkiErrors (never TypeError, never a hang).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, type CreatedCa } from './ca.js';
import { parseCaBundle } from './chain.js';
import { buildCrl } from './crl.js';
import { parseCrl } from './crl-parse.js';
import { generateKeyAndCsr, parseCsr } from './csr.js';
import { signCsr } from './issue.js';
import { encodePem, toDer } from './pem.js';

let ca: CreatedCa;
let csrDer: Uint8Array;
let crlDer: Uint8Array;
beforeAll(async () => {
  ca = await createCa({ commonName: 'robust zone' });
  csrDer = toDer(
    (await generateKeyAndCsr({ subject: '/CN=robust/O=Acme' })).csrPem,
    ['CERTIFICATE REQUEST'],
    1e5,
    'csr',
  );
  const now = new Date('2026-01-01T00:00:00Z');
  crlDer = (
    await buildCrl({
      ca,
      entries: [
        { serialHex: '0102', revokedAt: now, reason: 'keyCompromise' },
        { serialHex: 'FF', revokedAt: now },
      ],
      crlNumber: 9,
      thisUpdate: now,
      nextUpdate: new Date('2026-02-01T00:00:00Z'),
    })
  ).der;
}, 60_000);

function onlyPkiErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    expect((error as { code?: string }).code, String(error)).toMatch(/^PKI_/);
  }
}

const mutation = (length: number) =>
  fc.tuple(fc.nat(length - 1), fc.integer({ min: 0, max: 255 }), fc.boolean());

describe('robustness', () => {
  it('mutated CSRs', () => {
    fc.assert(
      fc.property(mutation(csrDer.length), ([at, value, truncate]) => {
        const bytes = truncate ? csrDer.slice(0, at) : csrDer.slice();
        if (!truncate) bytes[at] = value;
        onlyPkiErrors(() => parseCsr(bytes));
      }),
      { numRuns: 1500 },
    );
  });

  it('mutated CRLs, with and without the issuer', () => {
    fc.assert(
      fc.property(mutation(crlDer.length), ([at, value, truncate]) => {
        const bytes = truncate ? crlDer.slice(0, at) : crlDer.slice();
        if (!truncate) bytes[at] = value;
        onlyPkiErrors(() => parseCrl(bytes));
        onlyPkiErrors(() => parseCrl(bytes, ca.certificatePem));
      }),
      { numRuns: 1500 },
    );
  });

  it('mutated CA bundles', async () => {
    const { csrPem } = await generateKeyAndCsr({ subject: '/CN=leaf' });
    const leafDer = toDer(
      (await signCsr({ csrPem, ca, validityDays: 1 })).certificatePem,
      ['CERTIFICATE'],
      1e5,
      'leaf',
    );
    const caDer = toDer(ca.certificatePem, ['CERTIFICATE'], 1e5, 'ca');
    fc.assert(
      fc.property(fc.boolean(), mutation(caDer.length), (useLeaf, [at, value]) => {
        const bytes = (useLeaf ? leafDer : caDer).slice();
        bytes[at % bytes.length] = value;
        onlyPkiErrors(() => parseCaBundle(encodePem('CERTIFICATE', bytes)));
      }),
      { numRuns: 800 },
    );
  });
});
