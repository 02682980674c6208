// The certificate status filter values, as the API's `status` query takes them.
import type { ClientCertificateStatus } from '@portcullis/model';

export const STATUS_FILTERS: readonly { value: ClientCertificateStatus | 'all'; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'pending_revocation', label: 'Pending revocation' },
  { value: 'revoked', label: 'Revoked' },
  { value: 'pending_reactivation', label: 'Pending reactivation' },
];

export const VALIDITY_PRESETS: readonly { days: number; label: string }[] = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: 730, label: '2 years' },
  { days: 1095, label: '3 years' },
  { days: 3650, label: '10 years' },
];
