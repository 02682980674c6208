// Migration 0001: the initial schema (every aggregate, the change log and the version counter).
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect.js';

/** Creates every table of the first schema version. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('zones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('paused', 'integer', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('modified_on', 'text', (c) => c.notNull())
    .addColumn('activated_on', 'text')
    .execute();
  await db.schema.createIndex('zones_account').on('zones').columns(['account_id', 'name']).execute();

  await db.schema
    .createTable('certificate_authorities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull().unique().references('zones.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('private_key_sealed', 'text', (c) => c.notNull())
    .addColumn('ski', 'text', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('crl_number', 'integer', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hostnames')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull().references('zones.id').onDelete('cascade'))
    .addColumn('hostname', 'text', (c) => c.notNull().unique())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('origin_tls_verify', 'integer', (c) => c.notNull())
    .addColumn('origin_ca', 'text')
    .addColumn('mtls_mode', 'text', (c) => c.notNull())
    .addColumn('forward_client_certificate', 'integer', (c) => c.notNull())
    .addColumn('edge_source', 'text', (c) => c.notNull())
    .addColumn('edge_certificate', 'text', (c) => c.notNull())
    .addColumn('edge_private_key_sealed', 'text', (c) => c.notNull())
    .addColumn('edge_issuer', 'text', (c) => c.notNull())
    .addColumn('edge_serial_number', 'text', (c) => c.notNull())
    .addColumn('edge_fingerprint_sha256', 'text', (c) => c.notNull())
    .addColumn('edge_expires_on', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('modified_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hostnames_zone').on('hostnames').columns(['zone_id', 'hostname']).execute();

  await db.schema
    .createTable('client_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull().references('zones.id').onDelete('cascade'))
    .addColumn('certificate_authority_id', 'text', (c) =>
      c.notNull().references('certificate_authorities.id').onDelete('cascade'),
    )
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('csr', 'text', (c) => c.notNull())
    .addColumn('ski', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text', (c) => c.notNull())
    .addColumn('serial_hex', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('common_name', 'text', (c) => c.notNull())
    .addColumn('organization', 'text', (c) => c.notNull())
    .addColumn('organizational_unit', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('fingerprint_sha256', 'text', (c) => c.notNull())
    .addColumn('validity_days', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addUniqueConstraint('client_certificates_ca_serial', ['certificate_authority_id', 'serial_hex'])
    .execute();
  await db.schema
    .createIndex('client_certificates_zone_status')
    .on('client_certificates')
    .columns(['zone_id', 'status', 'created_on'])
    .execute();
  await db.schema
    .createIndex('client_certificates_zone_created')
    .on('client_certificates')
    .columns(['zone_id', 'created_on'])
    .execute();
  await db.schema
    .createIndex('client_certificates_ca_status')
    .on('client_certificates')
    .columns(['certificate_authority_id', 'status'])
    .execute();

  await db.schema
    .createTable('mtls_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text')
    .addColumn('ca', 'integer', (c) => c.notNull())
    .addColumn('certificates', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('ski', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('uploaded_on', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // NULL names are distinct in both SQLite and PostgreSQL, so unnamed uploads never conflict.
  await db.schema
    .createIndex('mtls_certificates_account_name')
    .on('mtls_certificates')
    .columns(['account_id', 'name'])
    .unique()
    .execute();

  await db.schema
    .createTable('mtls_crls')
    .addColumn('mtls_certificate_id', 'text', (c) =>
      c.primaryKey().references('mtls_certificates.id').onDelete('cascade'),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('refresh_seconds', 'integer')
    .addColumn('crl_pem', 'text', (c) => c.notNull())
    .addColumn('crl_number', 'text')
    .addColumn('this_update', 'text')
    .addColumn('next_update', 'text')
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('last_fetched_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mtls_crl_entries')
    .addColumn('mtls_certificate_id', 'text', (c) =>
      c.notNull().references('mtls_crls.mtls_certificate_id').onDelete('cascade'),
    )
    .addColumn('serial_hex', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mtls_crl_entries_pk', ['mtls_certificate_id', 'serial_hex'])
    .execute();

  await db.schema
    .createTable('hostname_associations')
    .addColumn('zone_id', 'text', (c) => c.notNull().references('zones.id').onDelete('cascade'))
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('ca_id', 'text', (c) => c.notNull())
    .addColumn('certificate_authority_id', 'text', (c) =>
      c.references('certificate_authorities.id').onDelete('cascade'),
    )
    // No cascade: an uploaded CA cannot be deleted while hostnames trust it.
    .addColumn('mtls_certificate_id', 'text', (c) => c.references('mtls_certificates.id'))
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hostname_associations_pk', ['zone_id', 'hostname', 'ca_id'])
    .addCheckConstraint(
      'hostname_associations_one_ca',
      sql`(certificate_authority_id is null) <> (mtls_certificate_id is null)`,
    )
    .execute();
  await db.schema
    .createIndex('hostname_associations_hostname')
    .on('hostname_associations')
    .column('hostname')
    .execute();
  await db.schema
    .createIndex('hostname_associations_mtls')
    .on('hostname_associations')
    .column('mtls_certificate_id')
    .execute();

  await db.schema
    .createTable('rulesets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull().references('zones.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rulesets_entrypoint')
    .on('rulesets')
    .columns(['zone_id', 'phase'])
    .unique()
    .where(sql.ref('kind'), '=', 'zone')
    .execute();

  await db.schema
    .createTable('rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ruleset_id', 'text', (c) => c.notNull().references('rulesets.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('action_parameters', 'text')
    .addColumn('expression', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('logging', 'text')
    .addUniqueConstraint('rules_ruleset_ref', ['ruleset_id', 'ref'])
    .execute();
  await db.schema
    .createIndex('rules_ruleset_position')
    .on('rules')
    .columns(['ruleset_id', 'position'])
    .execute();

  await db.schema
    .createTable('ruleset_versions')
    .addColumn('ruleset_id', 'text', (c) => c.notNull().references('rulesets.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ruleset_versions_pk', ['ruleset_id', 'version'])
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('modified_on', 'text', (c) => c.notNull())
    .addColumn('last_used_on', 'text')
    .addColumn('expires_on', 'text')
    .execute();

  await dialect
    .addSerial(db.schema.createTable('audit_log'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('actor_ip', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('zone_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_zone').on('audit_log').columns(['zone_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  await dialect
    .addSerial(db.schema.createTable('security_events'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('ray_id', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text')
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('client_ip', 'text', (c) => c.notNull())
    .addColumn('ruleset_id', 'text')
    .addColumn('rule_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('cert_presented', 'integer', (c) => c.notNull())
    .addColumn('cert_verified', 'integer', (c) => c.notNull())
    .addColumn('cert_revoked', 'integer', (c) => c.notNull())
    .addColumn('cert_serial', 'text', (c) => c.notNull())
    .addColumn('cert_issuer_ski', 'text', (c) => c.notNull())
    .addColumn('cert_fingerprint_sha256', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('security_events_zone')
    .on('security_events')
    .columns(['zone_id', 'seq'])
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('config_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db
    .insertInto('config_version' as never)
    .values({ id: 1, version: 0 } as never)
    .execute();

  await dialect
    .addSerial(db.schema.createTable('change_log'), 'seq')
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text')
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_log_version').on('change_log').column('version').execute();
}
