import { Webhook } from 'standardwebhooks';
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

describe('webhook delivery (Standard Webhooks, CONTRACT.md §2)', () => {
  it('signs every delivery so Webhook.verify accepts it, and sends exactly the event envelope', async () => {
    const id = await endpoint();
    const event = alarmEvent({ sequence: 1 });
    const [eventId] = await emit(w.db, [event]);
    await receiver.waitFor((r) => r.length === 1, 'one delivery');
    const [got] = receiver.received;
    expect(receiver.stats().rejected).toBe(0);
    expect(got.webhookId).toMatch(/^msg_[A-Za-z0-9_-]+$/);
    expect(Math.abs(got.timestamp - Date.now() / 1000)).toBeLessThan(300);
    expect(JSON.parse(got.body)).toEqual({
      type: 'alarm.raised',
      timestamp: (event.at as Date).toISOString(),
      data: event.data,
    });
    expect(Object.keys(JSON.parse(got.body) as object)).toEqual(['type', 'timestamp', 'data']);
    await eventually(async () => (await deliveriesOf(w.db, id))[0]?.status === 'succeeded', 'recorded');
    const [row] = await deliveriesOf(w.db, id);
    expect(row).toMatchObject({
      event_id: eventId,
      message_id: got.webhookId,
      status: 'succeeded',
      attempts: 1,
    });
    // A wrong secret does not verify the same bytes.
    const other = new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`);
    const headers = {
      'webhook-id': got.webhookId,
      'webhook-timestamp': String(got.timestamp),
      'webhook-signature': got.signature,
    };
    expect(() => other.verify(got.body, headers)).toThrow();
  });

  it('retries 500s with the same webhook-id until the receiver accepts', async () => {
    const id = await endpoint();
    receiver.script({ status: 500, body: 'boom' }, { status: 500 });
    await emit(w.db, [alarmEvent()]);
    await receiver.waitFor((r) => r.length === 3, 'three attempts');
    expect(new Set(receiver.received.map((d) => d.webhookId)).size).toBe(1);
    expect(receiver.received.map((d) => d.copy)).toEqual([1, 2, 3]);
    await eventually(async () => (await deliveriesOf(w.db, id))[0]?.status === 'succeeded', 'succeeded');
    const log = await w.app.api('GET', `/api/v1/webhook-deliveries?endpointId=${id}`);
    expectOk(log, 200);
    expect(pluck(log.body.items[0].attemptLog, 'statusCode')).toEqual([500, 500, 204]);
    expect(log.body.items[0].attemptLog[0]).toMatchObject({ outcome: 'failure', responseSnippet: 'boom' });
  });

  it('filters by owner unit, event type, level and domain, and never sends suppressed events', async () => {
    await endpoint({
      eventTypes: ['alarm.raised', 'device.*'],
      levels: ['major', 'larger'],
      domains: ['gas'],
    });
    const wanted = [
      alarmEvent({ level: 'major' }),
      alarmEvent({ level: 'larger' }),
      deviceEvent('device.offline', 'GAS-DEV-1'),
    ];
    const unwanted = [
      alarmEvent({ ownerUnitId: 'water-co', domain: 'water' }),
      alarmEvent({ type: 'alarm.resolved', sequence: 2 }),
      alarmEvent({ level: 'general' }),
      alarmEvent({ domain: 'heating' }),
      alarmEvent({ suppressed: true }),
      deviceEvent('device.offline', 'WATER-DEV-1', 'water-co'),
    ];
    await emit(w.db, [...unwanted.slice(0, 3), wanted[0], ...unwanted.slice(3), wanted[1], wanted[2]]);
    const marker = alarmEvent({ level: 'major' });
    await emit(w.db, [marker]);
    await receiver.waitFor((r) => r.some((d) => d.event.data.alarmId === marker.alarmId), 'the marker');
    expect(receiver.received.map((d) => d.event.data)).toEqual([...wanted, marker].map((e) => e.data));
  });
});

describe('receiver answers (PEERS.md §3 "Delivery")', () => {
  it('410 Gone disables the endpoint, audited; nothing more is sent until it is re-enabled', async () => {
    const id = await endpoint();
    receiver.script({ status: 410 });
    await emit(w.db, [alarmEvent()]);
    await eventually(
      async () => !(await w.app.api('GET', `/api/v1/webhook-endpoints/${id}`)).body.enabled,
      'disabled',
    );
    const view = (await w.app.api('GET', `/api/v1/webhook-endpoints/${id}`)).body;
    expect(view.disabledReason).toMatch(/410/);
    const audit = await w.app.api('GET', `/api/v1/audit?targetId=${id}`);
    expect(audit.body.items ?? audit.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'webhook_endpoint.disable', actor: 'system:webhook-dispatcher' }),
      ]),
    );
    await emit(w.db, [alarmEvent()]);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.received).toHaveLength(1);
    expectOk(await w.app.api('PATCH', `/api/v1/webhook-endpoints/${id}`, { body: { enabled: true } }), 200);
    await receiver.waitFor(
      (r) => new Set(r.map((d) => d.webhookId)).size === 2,
      'the events after re-enabling',
    );
  });

  it('honours 429 Retry-After: the next attempt waits at least that long', async () => {
    const id = await endpoint();
    receiver.script({ status: 429, headers: { 'retry-after': '2' } });
    await emit(w.db, [alarmEvent()]);
    await receiver.waitFor((r) => r.length === 2, 'the retry', 15_000);
    const [first, second] = receiver.received;
    expect(second.webhookId).toBe(first.webhookId);
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(2000);
    await eventually(async () => (await deliveriesOf(w.db, id))[0]?.status === 'succeeded', 'succeeded');
  });

  it('dead-letters after the last retry of the schedule', async () => {
    const id = await endpoint();
    receiver.fallback({ status: 500 });
    await emit(w.db, [alarmEvent()]);
    await eventually(async () => (await deliveriesOf(w.db, id))[0]?.status === 'dead', 'dead');
    // WEBHOOK_RETRY_SCHEDULE=0,200ms,400ms: three attempts, then the dead-letter list.
    expect(receiver.received).toHaveLength(3);
    const dead = await w.app.api('GET', `/api/v1/webhook-deliveries?status=dead&endpointId=${id}`);
    expect(dead.body.items).toHaveLength(1);
    expect(dead.body.items[0]).toMatchObject({ status: 'dead', attempts: 3, lastStatusCode: 500 });
  });

  it('reads at most 64 KiB of an answer and keeps a 4 KiB snippet: an endless body still succeeds', async () => {
    const id = await endpoint();
    receiver.script({ status: 200, endless: true });
    await emit(w.db, [alarmEvent()]);
    await eventually(async () => (await deliveriesOf(w.db, id))[0]?.status === 'succeeded', 'succeeded');
    const log = await w.app.api('GET', `/api/v1/webhook-deliveries?endpointId=${id}`);
    const [attempt] = log.body.items[0].attemptLog;
    expect(attempt).toMatchObject({ statusCode: 200, outcome: 'success', responseTruncated: true });
    expect(Buffer.byteLength(attempt.responseSnippet as string)).toBe(4096);
  });

  it('gives up an attempt after WEBHOOK_TIMEOUT_MS and retries it', async () => {
    const id = await endpoint();
    receiver.script({ status: 204, delayMs: 4000 });
    await emit(w.db, [alarmEvent()]);
    await eventually(async () => (await deliveriesOf(w.db, id))[0]?.status === 'succeeded', 'succeeded');
    const log = await w.app.api('GET', `/api/v1/webhook-deliveries?endpointId=${id}`);
    const [first, second] = log.body.items[0].attemptLog;
    expect(first).toMatchObject({
      statusCode: null,
      outcome: 'failure',
      error: 'no complete answer within 3000 ms',
    });
    expect(first.durationMs).toBeGreaterThanOrEqual(3000);
    expect(second).toMatchObject({ statusCode: 204, outcome: 'success' });
  });

  it('treats a redirect as a failure and does not follow it', async () => {
    const id = await endpoint();
    receiver.script({ status: 307, headers: { location: `${receiver.url}/elsewhere` } });
    await emit(w.db, [alarmEvent()]);
    await eventually(async () => (await deliveriesOf(w.db, id))[0]?.status === 'succeeded', 'succeeded');
    // One request per attempt, both to the registered URL: the Location was never followed.
    expect(receiver.received).toHaveLength(2);
    const log = await w.app.api('GET', `/api/v1/webhook-deliveries?endpointId=${id}`);
    expect(pluck(log.body.items[0].attemptLog, 'statusCode')).toEqual([307, 204]);
  });

  it('connects to a host name only through the addresses it vetted', async () => {
    const id = await endpoint({ url: receiver.url.replace('127.0.0.1', 'localhost') });
    await emit(w.db, [alarmEvent()]);
    await eventually(async () => (await deliveriesOf(w.db, id))[0]?.status === 'succeeded', 'succeeded');
    const log = await w.app.api('GET', `/api/v1/webhook-deliveries?endpointId=${id}`);
    expect(log.body.items[0].attemptLog[0]).toMatchObject({ remoteAddress: '127.0.0.1', statusCode: 204 });
  });

  it('counts outcomes and queue depth in /metrics', async () => {
    await endpoint();
    await emit(w.db, [alarmEvent()]);
    await receiver.waitFor((r) => r.length === 1, 'one delivery');
    await eventually(
      async () =>
        /lifeline_webhook_deliveries_total\{outcome="succeeded"\} [1-9]/.test(
          (await w.app.api('GET', '/metrics', { token: null })).body as string,
        ),
      'the counter',
    );
    const text = (await w.app.api('GET', '/metrics', { token: null })).body as string;
    expect(text).toMatch(/lifeline_webhook_queue_depth\{endpoint="[0-9a-f-]{36}"\} \d+/);
    expect(text).toMatch(/lifeline_webhook_attempt_duration_seconds_count\{outcome="succeeded"\} [1-9]/);
    expect(text).toMatch(/lifeline_webhook_reading_to_delivery_seconds_count [1-9]/);
  });
});
