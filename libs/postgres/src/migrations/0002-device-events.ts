import { sql, type Kysely } from 'kysely';

/**
 * Device events (CONTRACT.md §1 `…/event`: immersion, tamper, cover_open, battery_low, …). The unique key
 * makes a QoS 1 redelivery of the same event a no-op (at-least-once in, exactly-once stored).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('device_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('asset_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addUniqueConstraint('device_events_once', ['device_id', 'type', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('device_events_asset_time')
    .on('device_events')
    .columns(['asset_id', 'occurred_at desc'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('device_events').ifExists().execute();
}
