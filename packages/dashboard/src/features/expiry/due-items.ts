// What is due on a zone's mTLS page: client certificates, CAs and CRLs expiring or going stale soon, soonest first.
import type { CertificateAuthority, ClientCertificate, Crl, MtlsCertificate } from '@portcullis/model';

/** Days ahead within which CAs (managed and uploaded) are listed. */
export const CA_HORIZON_DAYS = 90;
/** Days ahead within which a CRL's next update is listed (an uploaded CRL must be replaced by hand). */
export const CRL_HORIZON_DAYS = 7;
/** The choices for client certificates; 30 is the default. */
export const CERTIFICATE_HORIZONS = [7, 30, 90] as const;

const DAY_MS = 86_400_000;

export type DueKind = 'client_certificate' | 'managed_ca' | 'uploaded_ca' | 'crl';

/** One row of the panel. */
export interface DueItem {
  readonly key: string;
  readonly kind: DueKind;
  readonly name: string;
  /** The expiry or the CRL's next update (RFC 3339). */
  readonly at: string;
  /** Whole days left, rounded up (a certificate issued for 5 days shows 5); negative once past. */
  readonly daysLeft: number;
  readonly past: boolean;
}

/** An uploaded CA that this zone's hosts trust, with its CRL (null when it has none). */
export interface TrustedUpload {
  readonly ca: MtlsCertificate;
  readonly crl: Crl | null;
}

export interface DueInput {
  /** Active client certificates already limited to the chosen horizon by the API. */
  readonly certificates: readonly ClientCertificate[];
  readonly managedCa: CertificateAuthority | undefined;
  readonly uploads: readonly TrustedUpload[];
  readonly now: Date;
}

/** Days left until `at`, rounded up; `past` once `at` is not after `now`. */
export function daysLeft(at: string, now: Date): { daysLeft: number; past: boolean } {
  const ms = new Date(at).getTime() - now.getTime();
  return ms > 0
    ? { daysLeft: Math.ceil(ms / DAY_MS), past: false }
    : { daysLeft: -Math.floor(-ms / DAY_MS), past: true };
}

function item(key: string, kind: DueKind, name: string, at: string, now: Date): DueItem {
  return { key, kind, name, at, ...daysLeft(at, now) };
}

function within(at: string | null | undefined, days: number, now: Date): at is string {
  if (!at) return false;
  const time = new Date(at).getTime();
  return !Number.isNaN(time) && time <= now.getTime() + days * DAY_MS;
}

/** Everything due, soonest (or longest past) first. */
export function dueItems({ certificates, managedCa, uploads, now }: DueInput): DueItem[] {
  const items: DueItem[] = certificates.map((c) =>
    item(`cert:${c.id}`, 'client_certificate', c.common_name || c.serial_number, c.expires_on, now),
  );
  if (managedCa && within(managedCa.expires_on, CA_HORIZON_DAYS, now)) {
    items.push(item(`managed:${managedCa.id}`, 'managed_ca', managedCa.name, managedCa.expires_on, now));
  }
  for (const { ca, crl } of uploads) {
    const name = ca.name || ca.id;
    if (within(ca.expires_on, CA_HORIZON_DAYS, now))
      items.push(item(`ca:${ca.id}`, 'uploaded_ca', name, ca.expires_on, now));
    if (crl && within(crl.next_update, CRL_HORIZON_DAYS, now))
      items.push(item(`crl:${ca.id}`, 'crl', name, crl.next_update, now));
  }
  return items.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

/** How the panel names each kind. */
export const KIND_LABELS: Record<DueKind, string> = {
  client_certificate: 'Client certificate',
  managed_ca: 'Managed CA',
  uploaded_ca: 'Uploaded CA',
  crl: 'CRL next update',
};
