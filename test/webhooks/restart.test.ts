import { randomUUID } from 'node:crypto';
import {
  deliveriesFor,
  filterOf,
  OUTBOX_COLUMNS,
  toOutboxEvent,
} from '../../apps/server/src/webhooks/core/delivery-rows.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';
import { startTestReceiver, type TestReceiver } from '../support/webhook-receiver.js';
import {
  alarmEvent,
  bootWebhookApp,
  deliveriesOf,
  emit,
  eventually,
  expectOk,
  registerEndpoint,
  type WebhookApp,
} from './harness.js';

/** Restart safety: close the service mid-delivery, start a new one on the same database. */
let database: TestDatabase;
let receiver: TestReceiver;
let app: WebhookApp | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startTestReceiver();
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await app?.close();
  await receiver?.close();
  await database?.drop();
}, BOOT_TIMEOUT_MS);

async function boot(): Promise<WebhookApp> {
  app = await bootWebhookApp(database);
  return app;
}

describe('restart safety', () => {
  it('loses nothing and re-sends nothing acknowledged across a restart mid-delivery', async () => {
    const first = await boot();
    for (const id of ['gas-co', 'water-co'])
      expectOk(await first.api('POST', '/api/v1/owner-units', { body: { id, name: id, domains: [] } }), 201);
    const { id, secret } = await registerEndpoint(first, receiver.url);
    receiver.setSecrets([secret]);
    receiver.fallback({ status: 204, delayMs: 150 });
    const alarms = Array.from({ length: 10 }, () => randomUUID());
    await emit(
      database.db,
      alarms.map((alarmId) => alarmEvent({ alarmId, sequence: 1 })),
    );
    await emit(
      database.db,
      alarms.map((alarmId) => alarmEvent({ alarmId, sequence: 2, type: 'alarm.acknowledged' })),
    );
    await receiver.waitFor((r) => r.length >= 4, 'the first deliveries');
    await first.close();
    app = undefined;
    const acknowledged = (await deliveriesOf(database.db, id))
      .filter((d) => d.status === 'succeeded')
      .map((d) => d.message_id);
    expect(acknowledged.length).toBeGreaterThan(0);
    // Events keep being written while no dispatcher runs.
    await emit(
      database.db,
      alarms.map((alarmId) => alarmEvent({ alarmId, sequence: 3, type: 'alarm.resolved' })),
    );

    await boot();
    await eventually(
      async () => (await deliveriesOf(database.db, id)).every((d) => d.status === 'succeeded'),
      'all delivered',
    );
    await receiver.waitFor((r) => new Set(r.map((d) => d.webhookId)).size === 30, '30 distinct webhook-ids');
    const rows = await deliveriesOf(database.db, id);
    expect(rows).toHaveLength(30);
    for (const webhookId of acknowledged)
      expect([webhookId, receiver.received.filter((d) => d.webhookId === webhookId).length]).toEqual([
        webhookId,
        1,
      ]);
    expect(receiver.stats()).toMatchObject({ duplicates: 0, outOfOrder: 0, rejected: 0 });
  });

  it('a lease left by a crashed worker lapses, then the delivery goes out once, with its webhook-id', async () => {
    await app?.close();
    app = undefined;
    // What a crash mid-attempt leaves behind: the delivery row, pending, leased by a process that is gone.
    const [eventId] = await emit(database.db, [alarmEvent()]);
    const endpoint = await database.db.selectFrom('webhook_endpoints').selectAll().executeTakeFirstOrThrow();
    const stored = await database.db
      .selectFrom('platform_events')
      .select(OUTBOX_COLUMNS)
      .where('id', '=', String(eventId))
      .executeTakeFirstOrThrow();
    const [row] = deliveriesFor(
      [toOutboxEvent(stored)],
      [{ id: endpoint.id, startAfterEventId: 0, filter: filterOf(endpoint) }],
    );
    const leasedUntil = Date.now() + 1500;
    await database.db
      .insertInto('webhook_deliveries')
      .values({ ...row, lease_token: randomUUID(), lease_until: new Date(leasedUntil) })
      .execute();

    await boot();
    await receiver.waitFor((r) => r.some((d) => d.webhookId === row.message_id), 'the leased delivery');
    const copies = receiver.received.filter((d) => d.webhookId === row.message_id);
    expect(copies).toHaveLength(1);
    expect(copies[0].receivedAt).toBeGreaterThanOrEqual(leasedUntil);
    await eventually(
      async () => (await deliveriesOf(database.db, endpoint.id)).every((d) => d.status === 'succeeded'),
      'recorded',
    );
  });

  it('a changed WEBHOOK_SECRET_KEY fails attempts visibly (nothing unsigned is sent) until the secret is rotated', async () => {
    await app?.close();
    app = undefined;
    const other = await startTestReceiver();
    try {
      const before = await boot();
      const { id } = await registerEndpoint(before, other.url, { ownerUnitId: 'water-co' });
      await before.close();
      app = await bootWebhookApp(database, { WEBHOOK_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') });
      await emit(database.db, [alarmEvent({ ownerUnitId: 'water-co', domain: 'water' })]);
      await eventually(
        async () => (await deliveriesOf(database.db, id))[0]?.status === 'dead',
        'dead-lettered',
      );
      const [row] = await deliveriesOf(database.db, id);
      expect(row.last_error).toMatch(/encrypted with key [0-9a-f]{8}, WEBHOOK_SECRET_KEY is [0-9a-f]{8}/);
      expect(other.received).toHaveLength(0);
      const rotated = await app.api('POST', `/api/v1/webhook-endpoints/${id}/rotate-secret`, { body: {} });
      expectOk(rotated, 200);
      other.setSecrets([rotated.body.secret as string]);
      expectOk(await app.api('POST', `/api/v1/webhook-deliveries/${row.id}/replay`), 202);
      await other.waitFor((r) => r.length === 1, 'the replayed delivery');
      expect(other.received[0]).toMatchObject({ webhookId: row.message_id, copy: 1 });
      expect(other.received[0].signature.split(' ')).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
