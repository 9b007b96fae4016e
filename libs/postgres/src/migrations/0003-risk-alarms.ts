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
  await db.schema
    .createIndex('platform_events_owner')
    .on('platform_events')
    .columns(['owner_unit_id', 'id'])
    .execute();
  await db.schema
    .createIndex('platform_events_asset')
    .on('platform_events')
    .columns(['asset_id', 'id'])
    .execute();

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
  // One open incident per subtree root, so two engine replicas grouping the same flood cannot open two.
  await sql`CREATE UNIQUE INDEX incidents_one_open_per_root ON incidents (root_asset_id)
            WHERE closed_at IS NULL`.execute(db);

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
    /** Highest level reached (the workflow never lowers it). */
    .addColumn('level', 'text', (c) => c.notNull())
    /** Ordinal of `level` (major 3 … low 0) for the "level, then age" order of the alarm list. */
    .addColumn('level_rank', 'smallint', (c) =>
      c
        .notNull()
        .generatedAlwaysAs(
          sql`CASE level WHEN 'major' THEN 3 WHEN 'larger' THEN 2 WHEN 'general' THEN 1 ELSE 0 END`,
        )
        .stored(),
    )
    /** Level the condition has now (null once it cleared); may be below `level` after a de-escalation. */
    .addColumn('condition_level', 'text')
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
    /** Earliest pending SLA due time (sla.ts dueTimes), for `overdue=true`; null when nothing is pending. */
    .addColumn('overdue_at', 'timestamptz')
    /** When the escalation scheduler must look at the alarm next (sla.ts nextEscalation). */
    .addColumn('escalation_due_at', 'timestamptz')
    /** When a resolved alarm has had its verification window of normal data (auto-close). */
    .addColumn('close_due_at', 'timestamptz')
    .execute();
  await sql`CREATE UNIQUE INDEX alarms_one_open_per_asset_rule ON alarms (asset_id, rule_id)
            WHERE state NOT IN ('closed', 'dismissed')`.execute(db);
  await sql`CREATE INDEX alarms_open_by_level_age ON alarms (level_rank DESC, raised_at, id)
            WHERE state NOT IN ('closed', 'dismissed')`.execute(db);
  await sql`CREATE INDEX alarms_escalation_due ON alarms (escalation_due_at)
            WHERE escalation_due_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX alarms_close_due ON alarms (close_due_at)
            WHERE close_due_at IS NOT NULL`.execute(db);
  await db.schema.createIndex('alarms_state_level').on('alarms').columns(['state', 'level']).execute();
  await db.schema.createIndex('alarms_owner').on('alarms').columns(['owner_unit_id', 'raised_at']).execute();
  await db.schema.createIndex('alarms_raised_at').on('alarms').column('raised_at').execute();
  await db.schema
    .createIndex('alarms_asset_rule_raised')
    .on('alarms')
    .columns(['asset_id', 'rule_id', 'raised_at'])
    .execute();

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
    /** Recorded inside a maintenance window: shown to the console, not notified to the utility. */
    .addColumn('suppressed', 'boolean', (c) => c.notNull().defaultTo(false))
    /** held → released | discarded once the window ends (maintenance.ts releaseNotices); null = never held. */
    .addColumn('notice', 'text', (c) => c.check(sql`notice IN ('held', 'released', 'discarded')`))
    .addUniqueConstraint('alarm_events_alarm_sequence', ['alarm_id', 'sequence'])
    .execute();
  await sql`CREATE INDEX alarm_events_held ON alarm_events (id) WHERE notice = 'held'`.execute(db);

  await db.schema
    .createTable('rule_states')
    .addColumn('asset_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('state', 'jsonb', (c) => c.notNull())
    /** Recent active↔clear transition times (noise.ts chattering detection). */
    .addColumn('noise', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
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
    /** sha-256 of the canonical stored content minus timestamps: an unchanged re-assessment is not rewritten. */
    .addColumn('fingerprint', 'text', (c) => c.notNull())
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
    .addColumn('cancelled_by', 'text')
    /** Start of the occurrence in force as the scheduler last saw it (maintenance.started sent); null = not active. */
    .addColumn('active_since', 'timestamptz')
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
