import { sql, type Kysely } from 'kysely';

/**
 * Inputs and bookkeeping of the risk evaluator and the deadman (issue "risk grading and the alarm
 * workflow"):
 * - external_events: excavation and subsidence reports and major events filed against an asset
 *   (DOMAIN.md §b.2 ΔL_external, ΔS_event), with who filed them and until when they apply.
 * - device_status: the deadman's last announced view of each device (offline or not, why, since when), so
 *   `device.offline` / `device.online` are emitted once per change and survive a restart.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('external_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('excavation', 'subsidence', 'major_event')`),
    )
    .addColumn('distance_m', 'double precision', (c) => c.check(sql`distance_m >= 0`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('until', 'timestamptz')
    .addColumn('note', 'text', (c) => c.notNull())
    /** Where the report came from: `12345`, `12319`, `inspection`, `operator`, … */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('external_events_window', sql`until IS NULL OR until > starts_at`)
    .execute();
  await db.schema
    .createIndex('external_events_asset')
    .on('external_events')
    .columns(['asset_id', 'until'])
    .execute();

  await db.schema
    .createTable('device_status')
    .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
    .addColumn('offline', 'boolean', (c) => c.notNull())
    /** libs/domain deadman OfflineReason (disconnected, silent, never_seen); null while reporting. */
    .addColumn('reason', 'text')
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('device_status').ifExists().execute();
  await db.schema.dropTable('external_events').ifExists().execute();
}
