// Tests of the recent-changes wording: who made a change, and its details on one line.
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@portcullis/model';
import { actorLabel, detailsLine } from './ChangesSection';

function entry(actor: AuditEntry['actor'], details: AuditEntry['details'] = {}): AuditEntry {
  return {
    id: 'a1',
    when: '2026-06-01T00:00:00.000Z',
    actor,
    action: 'revoke',
    resource: { type: 'client_certificate', id: 'c1' },
    account_id: 'acc',
    zone_id: 'z',
    details,
  };
}

describe('recent changes', () => {
  it('names the token, the CLI or Portcullis itself', () => {
    expect(actorLabel(entry({ type: 'token', id: 't1', name: 'deploy bot', ip: '192.0.2.1' }))).toBe(
      'deploy bot',
    );
    expect(actorLabel(entry({ type: 'token', id: 't1', name: null, ip: null }))).toBe('t1');
    expect(actorLabel(entry({ type: 'cli', id: null, name: 'master-key rotate', ip: null }))).toBe(
      'CLI (master-key rotate)',
    );
    expect(actorLabel(entry({ type: 'system', id: null, name: 'crl refresh', ip: null }))).toBe('Portcullis');
  });

  it('puts the details on one line and cuts long values', () => {
    const line = detailsLine({ serial_hex: '0A1B', key_generated: true, expression: 'x'.repeat(100) });
    expect(line).toBe(`serial_hex: 0A1B · key_generated: true · expression: ${'x'.repeat(57)}…`);
    expect(detailsLine({})).toBe('');
  });
});
