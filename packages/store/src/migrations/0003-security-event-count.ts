// Migration 0003: a security event's match count (identical matches within one second are one event).
import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect.js';

/**
 * The serve sink folds a flood of identical matches into one event; `count` is how many matches
 * the row stands for, so listings and summaries report matches, not rows. Existing rows stood for
 * one match each.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectAdapter): Promise<void> {
  await db.schema
    .alterTable('security_events')
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
