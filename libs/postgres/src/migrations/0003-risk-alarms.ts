import { sql, type Kysely } from 'kysely';

/**
 * Risk grading and the alarm engine (issue "risk grading and the alarm workflow"):
 * - platform_events: the durable, ordered log of alarm/risk/device events. The SSE stream resumes from it
 *   by id (Last-Event-ID) and the webhook dispatcher reads it as its transactional outbox.
 * - alarms + alarm_events: one row per alarm occurrence, its full event history; at most one *open*
 *   alarm per (asset, rule), enforced by a partial unique index (PEERS.md §5 C.12 — no duplicate race).
 * - rule_states: persisted evaluator state per (asset, rule) so on/off delays survive a restart.
 * - rule_overrides: thresholds per device profile or asset over the DOMAIN.md §a defaults.
 * - incidents: alarm floods on one asset subtree grouped into one incident.
 * - asset_risk + risk_history: the current level with its explanation, and every change.
 * - maintenance_windows: suppressions scoped to assets, domains or districts; one-off or recurring.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('platform_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('asset_id', 'text')
    .addColumn('owner_unit_id', 'text')
    .addColumn('domain', 'text')
    .addColumn('district', 'text')
    .addColumn('alarm_id', 'uuid')
    .addColumn('suppressed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('platform_events_owner').on('platform_events').columns(['owner_unit_id', 'id']).execute();
  await db.schema.createIndex('platform_events_asset').on('platform_events').columns(['asset_id', 'id']).execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('root_asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('alarm_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('alarms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('owner_unit_id', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('rule_version', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addColumn('metric', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('threshold', 'double precision')
    .addColumn('condition_active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('suppressed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('chattering', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('incident_id', 'uuid', (c) => c.references('incidents.id'))
    .addColumn('previous_alarm_id', 'uuid')
    /** The pure workflow record (libs/domain alarm-workflow WorkflowAlarm), the source of truth for flags. */
    .addColumn('workflow', 'jsonb', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await sql`CREATE UNIQUE INDEX alarms_one_open_per_asset_rule ON alarms (asset_id, rule_id)
            WHERE state NOT IN ('closed', 'dismissed')`.execute(db);
  await db.schema.createIndex('alarms_state_level').on('alarms').columns(['state', 'level']).execute();
  await db.schema.createIndex('alarms_owner').on('alarms').columns(['owner_unit_id', 'raised_at']).execute();

  await db.schema
    .createTable('alarm_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('alarm_id', 'uuid', (c) => c.notNull().references('alarms.id'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addUniqueConstraint('alarm_events_alarm_sequence', ['alarm_id', 'sequence'])
    .execute();

  await db.schema
    .createTable('rule_states')
    .addColumn('asset_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('rule_states_pk', ['asset_id', 'rule_id'])
    .execute();

  await db.schema
    .createTable('rule_overrides')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope IN ('profile', 'asset')`))
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('override', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('rule_overrides_scope_rule', ['scope', 'scope_id', 'rule_id'])
    .execute();

  await db.schema
    .createTable('asset_risk')
    .addColumn('asset_id', 'text', (c) => c.primaryKey().references('assets.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('verified', 'boolean', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('likelihood', 'integer', (c) => c.notNull())
    .addColumn('severity', 'integer', (c) => c.notNull())
    .addColumn('static_level', 'text', (c) => c.notNull())
    .addColumn('explanation', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('ruleset_version', 'text', (c) => c.notNull())
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('asset_risk_level').on('asset_risk').column('level').execute();

  await db.schema
    .createTable('risk_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('from_level', 'text')
    .addColumn('to_level', 'text', (c) => c.notNull())
    .addColumn('verified', 'boolean', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('explanation', 'jsonb', (c) => c.notNull())
    .addColumn('ruleset_version', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_history_asset').on('risk_history').columns(['asset_id', 'at']).execute();

  await db.schema
    .createTable('maintenance_windows')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    /** libs/domain MaintenanceScope and MaintenanceSchedule, as JSON. */
    .addColumn('scope', 'jsonb', (c) => c.notNull())
    .addColumn('schedule', 'jsonb', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('cancelled_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'maintenance_windows',
    'risk_history',
    'asset_risk',
    'rule_overrides',
    'rule_states',
    'alarm_events',
    'alarms',
    'incidents',
    'platform_events',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
