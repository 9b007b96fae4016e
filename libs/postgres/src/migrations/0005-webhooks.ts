import { sql, type Kysely } from 'kysely';

/**
 * Webhook delivery to utilities (issue "Alarm delivery to utilities: Standard Webhooks that never lose
 * an event"; docs/decisions/0010-webhook-outbox.md):
 * - webhook_endpoints: per owner unit, with filters and the signing secret encrypted at rest;
 * - webhook_relay: how far the relay has fanned platform_events (the outbox) out into deliveries;
 * - webhook_deliveries: one row per (endpoint, event), unique, with its stable webhook-id, the exact body,
 *   its queue state (next attempt, lease) and its ordering key;
 * - webhook_attempts: every attempt, for the delivery log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createEndpoints(db);
  await createRelay(db);
  await createDeliveries(db);
  await createAttempts(db);
}

async function createEndpoints(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_unit_id', 'text', (c) => c.notNull().references('owner_units.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('url_credentials_enc', 'text')
    .addColumn('description', 'text')
    .addColumn('event_types', sql`text[]`, (c) => c.notNull())
    .addColumn('levels', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('domains', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('disabled_reason', 'text')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('previous_secret_enc', 'text')
    .addColumn('previous_secret_expires_at', 'timestamptz')
    .addColumn('secret_rotated_at', 'timestamptz')
    /** Only events after this id are delivered: an endpoint does not receive the past (replay does). */
    .addColumn('start_after_event_id', 'bigint', (c) => c.notNull().defaultTo(0))
    /** Retry-After of a 429/503: nothing goes to the endpoint before. */
    .addColumn('throttled_until', 'timestamptz')
    /** Set by the first failure for endpoint reasons, cleared by the next success (which releases waiting deliveries). */
    .addColumn('failing_since', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('webhook_endpoints_owner')
    .on('webhook_endpoints')
    .column('owner_unit_id')
    .execute();
}

async function createRelay(db: Kysely<unknown>): Promise<void> {
  // The relay's position in platform_events. EventsService.append serialises appends so that commit
  // order is id order (docs/decisions/0008): every id at or below the newest visible one is final, and a
  // cursor never skips an event. Starts at the newest event: the past is not delivered (replay is).
  await db.schema
    .createTable('webhook_relay')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('last_event_id', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`INSERT INTO webhook_relay (id, last_event_id) SELECT 1, coalesce(max(id), 0) FROM platform_events`.execute(
    db,
  );
}

async function createDeliveries(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('endpoint_id', 'uuid', (c) =>
      c.notNull().references('webhook_endpoints.id').onDelete('cascade'),
    )
    /** platform_events.id; null for a test send. */
    .addColumn('event_id', 'bigint')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('event', 'test')`))
    /** The Standard Webhooks `webhook-id`, the same on every attempt and replay. */
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event_at', 'timestamptz', (c) => c.notNull())
    .addColumn('alarm_id', 'uuid')
    .addColumn('order_key', 'text', (c) => c.notNull())
    .addColumn('order_seq', 'bigint', (c) => c.notNull())
    /** The exact bytes sent and signed (UTF-8 JSON of the PlatformEvent envelope). */
    .addColumn('body', 'text', (c) => c.notNull())
    /** Time of the reading behind the event, when it carries one (reading → delivery latency). */
    .addColumn('reading_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending', 'succeeded', 'dead')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    /** Attempts since creation or the last replay: the position in the retry schedule. */
    .addColumn('round_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('lease_token', 'uuid')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_failure_scope', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .addUniqueConstraint('webhook_deliveries_endpoint_event', ['endpoint_id', 'event_id'])
    .execute();
  await indexDeliveries(db);
}

/** The dispatcher's two questions (what is due; is an earlier one of the same key pending) and the log's filters. */
async function indexDeliveries(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, endpoint_id)
            WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_gate ON webhook_deliveries (endpoint_id, order_key, order_seq)
            WHERE status = 'pending'`.execute(db);
  await db.schema
    .createIndex('webhook_deliveries_endpoint')
    .on('webhook_deliveries')
    .columns(['endpoint_id', 'id'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_status')
    .on('webhook_deliveries')
    .columns(['status', 'id'])
    .execute();
  await sql`CREATE INDEX webhook_deliveries_alarm ON webhook_deliveries (alarm_id) WHERE alarm_id IS NOT NULL`.execute(
    db,
  );
}

async function createAttempts(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('delivery_id', 'bigint', (c) =>
      c.notNull().references('webhook_deliveries.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    /** The `webhook-timestamp` header sent (Unix seconds). */
    .addColumn('webhook_timestamp', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('response_snippet', 'text')
    .addColumn('response_truncated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('remote_address', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_attempts_delivery')
    .on('webhook_attempts')
    .columns(['delivery_id', 'number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['webhook_attempts', 'webhook_deliveries', 'webhook_relay', 'webhook_endpoints'])
    await db.schema.dropTable(t).ifExists().execute();
}
