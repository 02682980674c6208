// The per-host handshake modes and what each one does, for selects and help text.
import type { MtlsMode } from '@portcullis/model';

export const MTLS_MODES: readonly { value: MtlsMode; label: string; help: string }[] = [
  { value: 'off', label: 'Off', help: 'no client certificate is requested' },
  {
    value: 'optional',
    label: 'Optional (request)',
    help: 'a certificate is requested; the handshake completes without one and your rules decide',
  },
  {
    value: 'required',
    label: 'Required (handshake)',
    help: 'the handshake fails without a certificate that chains to a trusted CA',
  },
];
