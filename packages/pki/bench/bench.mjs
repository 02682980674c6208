// Benchmark of @portcullis/pki: certificates signed per second (P-256 and RSA-2048 CAs), the time to
// build a CRL of 100,000 and 1,000,000 serials, and the cost of clientAuthFacts per connection.
// Runs the built package: `npx tsc -b packages/pki && npm run bench:pki` (BENCH_QUICK=1 for a short run).
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

let pki;
try {
  pki = await import('@portcullis/pki');
} catch (error) {
  console.error('bench:pki needs the built package; run `npx tsc -b packages/pki` first');
  throw error;
}
const { createCa, generateKeyAndCsr, signCsr, buildCrl, parseCrl, clientAuthFacts } = pki;
const quick = process.env.BENCH_QUICK === '1';

/** CPU time (user + system) since `since`, in ms: on a shared machine wall time overstates the cost. */
function cpuMs(since) {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function signRate(keyType) {
  const ca = await createCa({ commonName: `bench ${keyType}`, keyType });
  const { csrPem } = await generateKeyAndCsr({ subject: '/CN=bench-device/O=Bench' });
  const seconds = quick ? 1 : 3;
  // Warm up, then sign with 8 in flight (signing runs on libuv's thread pool).
  for (let i = 0; i < 20; i++) await signCsr({ csrPem, ca, validityDays: 365 });
  let count = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      await signCsr({ csrPem, ca, validityDays: 365 });
      count++;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const elapsed = (performance.now() - start) / 1000;
  // Signing runs partly on libuv's pool threads, which process.cpuUsage() includes.
  return {
    ca,
    perSecond: count / elapsed,
    cpuPerCert: cpuMs(cpu) / count,
    pem: (await signCsr({ csrPem, ca, validityDays: 365 })).certificatePem,
  };
}

async function crlTime(ca, n) {
  const revokedAt = new Date('2026-01-01T00:00:00Z');
  const entries = new Array(n);
  for (let i = 0; i < n; i++) {
    const serial = randomBytes(20);
    serial[0] = serial[0] & 0x7f || 1;
    // Each revocation has its own time, as in real CRLs (one a minute, going back).
    entries[i] = {
      serialHex: serial.toString('hex'),
      revokedAt: new Date(revokedAt.getTime() - i * 60_000),
      reason: i % 3 === 0 ? 'keyCompromise' : undefined,
    };
  }
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { der } = await buildCrl({
    ca,
    entries,
    crlNumber: 1,
    thisUpdate: revokedAt,
    nextUpdate: new Date(revokedAt.getTime() + 7 * 86_400_000),
  });
  const buildMs = performance.now() - start;
  const buildCpuMs = cpuMs(cpu);
  const parseCpu = process.cpuUsage();
  const parseStart = performance.now();
  const parsed = parseCrl(der, ca.certificatePem);
  const parseMs = performance.now() - parseStart;
  const parseCpuMs = cpuMs(parseCpu);
  if (parsed.revokedSerials.size !== n) throw new Error('crl round trip lost serials');
  return { buildMs, buildCpuMs, parseMs, parseCpuMs, bytes: der.length };
}

function factsCost(pem) {
  const der = new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
  const iterations = quick ? 5_000 : 20_000;
  let start = performance.now();
  let sink = '';
  for (let i = 0; i < iterations; i++) sink = clientAuthFacts(der).serial;
  if (sink === '') throw new Error('no serial');
  const oneField = ((performance.now() - start) * 1000) / iterations;
  start = performance.now();
  for (let i = 0; i < iterations; i++) {
    const f = clientAuthFacts(der);
    void (
      f.subjectDn +
      f.issuerDn +
      f.subjectDnLegacy +
      f.serial +
      f.fingerprintSha256 +
      f.notBefore +
      f.notAfter +
      f.ski +
      f.issuerSki +
      f.rfc9440
    );
  }
  const allFields = ((performance.now() - start) * 1000) / iterations;
  return { oneField, allFields };
}

console.log(
  `@portcullis/pki benchmark (node ${process.version}${quick ? ', quick' : ''}, load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`,
);
const p256 = await signRate('ecdsa-p256');
console.log(
  `sign CSR, ECDSA P-256 CA: ${p256.perSecond.toFixed(0)} certificates/s (${p256.cpuPerCert.toFixed(2)} ms cpu each)`,
);
const rsa = await signRate('rsa-2048');
console.log(
  `sign CSR, RSA-2048 CA:    ${rsa.perSecond.toFixed(0)} certificates/s (${rsa.cpuPerCert.toFixed(2)} ms cpu each)`,
);
for (const n of [100_000, 1_000_000]) {
  const r = await crlTime(p256.ca, n);
  console.log(
    `CRL of ${n.toLocaleString('en-US')} serials: build ${r.buildMs.toFixed(0)} ms (cpu ${r.buildCpuMs.toFixed(0)} ms), ` +
      `parse+verify ${r.parseMs.toFixed(0)} ms (cpu ${r.parseCpuMs.toFixed(0)} ms), ${(r.bytes / 1048576).toFixed(1)} MiB`,
  );
}
const facts = factsCost(p256.pem);
console.log(
  `clientAuthFacts: ${facts.oneField.toFixed(1)} µs (parse + one field), ${facts.allFields.toFixed(1)} µs (all string fields)`,
);
