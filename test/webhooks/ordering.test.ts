import { randomUUID } from 'node:crypto';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { startTestReceiver, type ReceivedWebhook, type TestReceiver } from '../support/webhook-receiver.js';
import {
  alarmEvent,
  deliveriesOf,
  emit,
  eventually,
  registerEndpoint,
  startWebhookWorld,
  type WebhookWorld,
} from './harness.js';

/**
 * Ordering per alarm, recovery after an outage, and isolation between endpoints. The schedule's third
 * step is long (60 s), so deliveries arriving well within a test's time prove a recovery released them.
 */
let w: WebhookWorld;
const receivers: TestReceiver[] = [];

beforeAll(async () => {
  w = await startWebhookWorld({
    WEBHOOK_RETRY_SCHEDULE: '0,200ms,60s,60s',
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_CONCURRENCY: '4',
    WEBHOOK_ENDPOINT_CONCURRENCY: '2',
  });
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  for (const r of receivers) await r.close();
  await w?.close();
}, BOOT_TIMEOUT_MS);

async function receiverFor(ownerUnitId: string): Promise<{ receiver: TestReceiver; id: string }> {
  const receiver = await startTestReceiver();
  receivers.push(receiver);
  const { id, secret } = await registerEndpoint(w.app, receiver.url, {
    ownerUnitId,
    eventTypes: ['alarm.*'],
  });
  receiver.setSecrets([secret]);
  return { receiver, id };
}

/** Three alarms, four events each, interleaved as the engine would write them. */
function alarmStream(ownerUnitId = 'gas-co', domain = 'gas'): ReturnType<typeof alarmEvent>[] {
  const alarms = [randomUUID(), randomUUID(), randomUUID()];
  const types = ['alarm.raised', 'alarm.acknowledged', 'alarm.dispatched', 'alarm.resolved'] as const;
  return types.flatMap((type, i) =>
    alarms.map((alarmId) => alarmEvent({ alarmId, type, sequence: i + 1, ownerUnitId, domain })),
  );
}

function sequencesByAlarm(received: readonly ReceivedWebhook[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const d of received) {
    const alarmId = d.event.data.alarmId as string;
    out.set(alarmId, [...(out.get(alarmId) ?? []), d.event.data.sequence as number]);
  }
  return out;
}

describe('ordering and recovery', () => {
  it('receiver down, then up: every event exactly once per webhook-id, in sequence order per alarm, promptly', async () => {
    const { receiver, id } = await receiverFor('gas-co');
    await receiver.pause();
    const stream = alarmStream();
    for (const event of stream) await emit(w.db, [event]);
    // Each alarm's first event fails twice (now, +200 ms) and waits 60 s; the later ones wait behind it.
    await eventually(
      async () => (await deliveriesOf(w.db, id)).filter((d) => d.attempts >= 2).length === 3,
      'heads backed off',
    );
    const rows = await deliveriesOf(w.db, id);
    expect(rows.filter((d) => d.attempts === 0)).toHaveLength(9);
    await receiver.resume();
    // A new alarm probes the endpoint; its success releases everything waiting for the outage.
    await emit(w.db, [alarmEvent()]);
    await receiver.waitFor((r) => r.length >= 13, 'all 13 events', 30_000);
    const stats = receiver.stats();
    expect(stats).toMatchObject({ unique: 13, duplicates: 0, rejected: 0, outOfOrder: 0 });
    for (const [, seqs] of sequencesByAlarm(receiver.received))
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('never delivers sequence n+1 before n has succeeded, while other alarms flow', async () => {
    const { receiver } = await receiverFor('gas-co');
    const slow = randomUUID();
    receiver.fallback((d) =>
      d.event.data.alarmId === slow && d.event.data.sequence === 1 && d.copy < 2
        ? { status: 500 }
        : { status: 204 },
    );
    const others = alarmStream();
    await emit(w.db, [
      alarmEvent({ alarmId: slow, sequence: 1 }),
      alarmEvent({ alarmId: slow, sequence: 2, type: 'alarm.acknowledged' }),
      ...others,
      alarmEvent({ alarmId: slow, sequence: 3, type: 'alarm.resolved' }),
    ]);
    await receiver.waitFor((r) => r.filter((d) => d.copy === 1).length === 15, 'all 15 events');
    const slowOnes = receiver.received
      .filter((d) => d.event.data.alarmId === slow)
      .map((d) => [d.event.data.sequence, d.copy]);
    expect(slowOnes).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
      [3, 1],
    ]);
    expect(receiver.stats().outOfOrder).toBe(0);
  });

  it('one dead endpoint does not delay another', async () => {
    const dead = await receiverFor('water-co');
    const live = await receiverFor('gas-co');
    // The dead receiver hangs past the 2 s timeout on every request.
    dead.receiver.fallback({ status: 200, delayMs: 5000 });
    const deadEvents = Array.from({ length: 20 }, () =>
      alarmEvent({ ownerUnitId: 'water-co', domain: 'water' }),
    );
    await emit(w.db, deadEvents);
    await dead.receiver.waitFor((r) => r.length >= 2, 'the dead endpoint to be hanging');
    const liveEvents = Array.from({ length: 5 }, () => alarmEvent());
    await emit(w.db, liveEvents);
    await live.receiver.waitFor((r) => r.length === 5, 'the live endpoint’s 5 events');
    // At most 2 (its cap) of the dead endpoint's deliveries are ever in flight: most still wait.
    const deadRows = await deliveriesOf(w.db, dead.id);
    expect(deadRows.filter((d) => d.attempts === 0).length).toBeGreaterThan(10);
    expect(dead.receiver.received.length).toBeLessThan(20);
  });
});
