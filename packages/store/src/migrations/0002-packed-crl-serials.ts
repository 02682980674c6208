// Migration 0002: a CRL's serials packed into one column, and a partial index for revoked certificates.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect.js';

interface Tables {
  mtls_crls: { mtls_certificate_id: string; serials: string };
  mtls_crl_entries: { mtls_certificate_id: string; serial_hex: string };
}

/**
 * CRLs are replaced and read whole, and an edge needs a whole serial set: one packed text column
 * (sorted upper-case hex, one per line) reads a million serials as one row instead of a million.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectAdapter): Promise<void> {
  const typed = db as unknown as Kysely<Tables>;
  await db.schema
    .alterTable('mtls_crls')
    .addColumn('serials', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const entries = await typed
    .selectFrom('mtls_crl_entries')
    .select(['mtls_certificate_id', 'serial_hex'])
    .orderBy('mtls_certificate_id')
    .orderBy('serial_hex')
    .execute();
  const byCa = new Map<string, string[]>();
  for (const entry of entries) {
    const list = byCa.get(entry.mtls_certificate_id) ?? [];
    list.push(entry.serial_hex);
    byCa.set(entry.mtls_certificate_id, list);
  }
  for (const [id, serials] of byCa) {
    await typed
      .updateTable('mtls_crls')
      .set({ serials: serials.join('\n') })
      .where('mtls_certificate_id', '=', id)
      .execute();
  }
  await db.schema.dropTable('mtls_crl_entries').execute();

  // The edge's revocation list: a partial, covering index over the few non-active certificates,
  // already in (CA, serial) order.
  await db.schema.dropIndex('client_certificates_ca_status').execute();
  await db.schema
    .createIndex('client_certificates_revoked')
    .on('client_certificates')
    .columns(['certificate_authority_id', 'serial_hex'])
    .where(sql.ref('status'), '<>', 'active')
    .execute();
}
