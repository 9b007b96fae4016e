import { randomUUID } from 'node:crypto';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { startTestReceiver, type TestReceiver } from '../support/webhook-receiver.js';
import {
  alarmEvent,
  deliveriesOf,
  deviceEvent,
  emit,
  eventually,
  expectOk,
  pluck,
  registerEndpoint,
  startWebhookWorld,
  tokenFor,
  type WebhookWorld,
} from './harness.js';

let w: WebhookWorld;
let receiver: TestReceiver;

beforeAll(async () => {
  w = await startWebhookWorld();
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await w?.close();
}, BOOT_TIMEOUT_MS);
beforeEach(async () => {
  receiver = await startTestReceiver();
});
afterEach(async () => {
  await receiver.close();
});

async function endpoint(over: Record<string, unknown> = {}): Promise<string> {
  const { id, secret } = await registerEndpoint(w.app, receiver.url, over);
  receiver.setSecrets([secret]);
  return id;
}

const settled = async (id: string, n: number): Promise<void> =>
  eventually(
    async () => (await deliveriesOf(w.db, id)).filter((d) => d.status !== 'pending').length === n,
    `${n} settled`,
  );

describe('replay (PEERS.md §5.D item 20)', () => {
  it('replays a single delivery, succeeded or dead, with the same webhook-id', async () => {
    const id = await endpoint();
    const failing = alarmEvent();
    let fail = true;
    receiver.fallback((d) =>
      fail && d.event.data.alarmId === failing.alarmId ? { status: 500 } : { status: 204 },
    );
    await emit(w.db, [failing, alarmEvent()]);
    await settled(id, 2);
    fail = false;
    const rows = await deliveriesOf(w.db, id);
    const dead = rows.find((d) => d.status === 'dead')!;
    const done = rows.find((d) => d.status === 'succeeded')!;
    for (const row of [dead, done]) {
      const res = await w.app.api('POST', `/api/v1/webhook-deliveries/${row.id}/replay`);
      expectOk(res, 202);
      expect(res.body.webhookId).toBe(row.message_id);
    }
    await eventually(
      async () => (await deliveriesOf(w.db, id)).every((d) => d.status === 'succeeded'),
      'both succeeded',
    );
    const copies = receiver.received.filter((d) => d.webhookId === done.message_id).map((d) => d.copy);
    expect(copies).toEqual([1, 2]);
    const detail = await w.app.api('GET', `/api/v1/webhook-deliveries/${dead.id}`);
    expect(pluck(detail.body.attemptLog, 'statusCode')).toEqual([500, 500, 500, 204]);
    expect(detail.body.payload).toMatchObject({ type: 'alarm.raised' });
    const audit = await w.app.api('GET', `/api/v1/audit?targetId=${dead.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'webhook_delivery.replay' });
  });

  it('replays a time range: events before the endpoint existed, and ones already delivered, filters applied', async () => {
    const from = new Date();
    const before = [
      alarmEvent(),
      deviceEvent('device.offline', 'GAS-DEV-9'),
      alarmEvent({ ownerUnitId: 'water-co', domain: 'water' }),
    ];
    await emit(w.db, before);
    const id = await endpoint({ eventTypes: ['alarm.*'] });
    const after = alarmEvent();
    await emit(w.db, [after]);
    await receiver.waitFor((r) => r.length === 1, 'the live event');
    const res = await w.app.api('POST', `/api/v1/webhook-endpoints/${id}/replay`, {
      body: { from: from.toISOString(), to: new Date(Date.now() + 1000).toISOString() },
    });
    expectOk(res, 202);
    // gas-co alarm events only: the one from before the endpoint, and the live one again.
    expect(res.body).toEqual({ queued: 2 });
    await receiver.waitFor((r) => r.length === 3, 'the replayed events');
    const byAlarm = receiver.received.map((d) => [d.event.data.alarmId, d.copy]);
    expect(byAlarm).toEqual(
      expect.arrayContaining([
        [before[0].alarmId, 1],
        [after.alarmId, 1],
        [after.alarmId, 2],
      ]),
    );
    const bad = await w.app.api('POST', `/api/v1/webhook-endpoints/${id}/replay`, {
      body: { from: new Date().toISOString(), to: from.toISOString() },
    });
    expect(bad).toMatchObject({ status: 422, body: { code: 'WEBHOOK_REPLAY_INVALID' } });
  });
});

describe('delivery log', () => {
  it('filters by endpoint, status, event type, alarm and time, and pages newest first', async () => {
    const id = await endpoint();
    const alarmId = randomUUID();
    await emit(w.db, [
      alarmEvent({ alarmId, sequence: 1 }),
      alarmEvent({ alarmId, sequence: 2, type: 'alarm.acknowledged' }),
      deviceEvent('device.offline', 'GAS-DEV-1'),
    ]);
    await settled(id, 3);
    const list = (q: string) => w.app.api('GET', `/api/v1/webhook-deliveries?endpointId=${id}${q}`);
    expect(pluck((await list('')).body.items, 'eventType')).toEqual([
      'device.offline',
      'alarm.acknowledged',
      'alarm.raised',
    ]);
    expect(pluck((await list(`&alarmId=${alarmId}`)).body.items, 'sequence')).toEqual([2, 1]);
    expect((await list('&eventType=device.offline')).body.items).toHaveLength(1);
    expect((await list('&status=dead')).body.items).toHaveLength(0);
    expect((await list(`&from=${new Date(Date.now() + 60_000).toISOString()}`)).body.items).toHaveLength(0);
    const page1 = await list('&limit=2');
    expect(page1.body.items).toHaveLength(2);
    const page2 = await list(`&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    expect((await list('&status=lost')).status).toBe(400);
  });

  it('a utility token sees and replays only its own unit’s deliveries', async () => {
    const gasEndpoint = await endpoint();
    const waterReceiver = await startTestReceiver();
    const water = await registerEndpoint(w.app, waterReceiver.url, { ownerUnitId: 'water-co' });
    waterReceiver.setSecrets([water.secret]);
    await emit(w.db, [alarmEvent(), alarmEvent({ ownerUnitId: 'water-co', domain: 'water' })]);
    await settled(gasEndpoint, 1);
    await settled(water.id, 1);
    const gasToken = await tokenFor(w.app, 'utility', 'gas-co');
    const seen = (await w.app.api('GET', '/api/v1/webhook-deliveries?limit=500', { token: gasToken })).body
      .items as { endpointId: string }[];
    expect(seen.length).toBeGreaterThan(0);
    const endpoints = (await w.app.api('GET', '/api/v1/webhook-endpoints', { token: gasToken })).body as {
      id: string;
    }[];
    expect(seen.every((d) => endpoints.some((e) => e.id === d.endpointId))).toBe(true);
    const [waterDelivery] = await deliveriesOf(w.db, water.id);
    expect(
      (await w.app.api('GET', `/api/v1/webhook-deliveries/${waterDelivery.id}`, { token: gasToken })).status,
    ).toBe(404);
    expect(
      (await w.app.api('POST', `/api/v1/webhook-deliveries/${waterDelivery.id}/replay`, { token: gasToken }))
        .status,
    ).toBe(404);
    expect(
      (await w.app.api('GET', `/api/v1/webhook-deliveries?endpointId=${water.id}`, { token: gasToken })).body
        .items,
    ).toEqual([]);
    await waterReceiver.close();
  });
});
