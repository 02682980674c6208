import { describe, expect, it } from 'vitest';
import type { CertificateAuthority, ClientCertificate, Crl, MtlsCertificate } from '@portcullis/model';
import { daysLeft, dueItems } from './due-items';

const now = new Date('2026-06-01T12:00:00.000Z');
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

const cert = (id: string, expires: string) =>
  ({ id, common_name: `device-${id}`, serial_number: '1', expires_on: expires }) as ClientCertificate;
const upload = (
  id: string,
  expires: string,
  next: string | null,
): { ca: MtlsCertificate; crl: Crl | null } => ({
  ca: { id, name: `ca-${id}`, expires_on: expires } as MtlsCertificate,
  crl: next === null ? null : ({ next_update: next } as Crl),
});

describe('dueItems', () => {
  it('counts days left rounded up, and past ones as past', () => {
    expect(daysLeft(inDays(5), new Date(now.getTime() + 1000))).toEqual({ daysLeft: 5, past: false });
    expect(daysLeft(inDays(0.2), now)).toEqual({ daysLeft: 1, past: false });
    expect(daysLeft(inDays(-2.5), now)).toEqual({ daysLeft: -2, past: true });
    expect(daysLeft(now.toISOString(), now)).toEqual({ daysLeft: 0, past: true });
  });

  it('lists certificates, CAs within 90 days and CRLs within 7 days, soonest first', () => {
    const items = dueItems({
      certificates: [cert('a', inDays(20)), cert('b', inDays(5))],
      managedCa: { id: 'm', name: 'Managed CA', expires_on: inDays(60) } as CertificateAuthority,
      uploads: [upload('late', inDays(400), inDays(30)), upload('soon', inDays(80), inDays(-1))],
      now,
    });
    expect(items.map((i) => [i.kind, i.name, i.daysLeft, i.past])).toEqual([
      ['crl', 'ca-soon', -1, true],
      ['client_certificate', 'device-b', 5, false],
      ['client_certificate', 'device-a', 20, false],
      ['managed_ca', 'Managed CA', 60, false],
      ['uploaded_ca', 'ca-soon', 80, false],
    ]);
  });

  it('is empty when nothing is due', () => {
    expect(
      dueItems({
        certificates: [],
        managedCa: { id: 'm', name: 'Managed CA', expires_on: inDays(3650) } as CertificateAuthority,
        uploads: [
          upload('x', inDays(365), null),
          { ca: { id: 'y', name: null, expires_on: inDays(91) } as MtlsCertificate, crl: null },
        ],
        now,
      }),
    ).toEqual([]);
  });
});
