import { jest } from '@jest/globals';
import { gasPoint, platformEvents, ramp, startAlarms, type AlarmHarness } from '../alarms/harness.js';
import { tokenFor } from '../api/fixtures.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { startTestReceiver, type ReceivedWebhook, type TestReceiver } from '../support/webhook-receiver.js';
import { FAST_WEBHOOKS } from './harness.js';

/**
 * The closed loop (PEERS.md §5.D item 20 "a callback API so utilities can ack receipt, report dispatch and
 * report on-site resolution"): the utility receives alarm.raised by webhook, then acknowledges, accepts,
 * arrives and resolves through the alarm API with its own token. Each step moves the workflow, is
 * audited, comes back to it as a webhook, and stops that SLA stage from escalating again.
 */
let h: AlarmHarness;
let gas: TestReceiver;
let water: TestReceiver;
let gasToken: string;
let waterToken: string;
const MIN = 60_000;

beforeAll(async () => {
  const { LIFELINE_ROLES: _roles, ...webhookEnv } = FAST_WEBHOOKS;
  h = await startAlarms(webhookEnv);
  gasToken = await tokenFor(h.t, 'utility', 'gas-co');
  waterToken = await tokenFor(h.t, 'utility', 'water-co');
  gas = await startTestReceiver();
  water = await startTestReceiver();
  for (const [receiver, token] of [
    [gas, gasToken],
    [water, waterToken],
  ] as const) {
    const res = await h.t.api('POST', '/api/v1/webhook-endpoints', {
      token,
      body: { url: receiver.url, eventTypes: ['alarm.*'] },
    });
    expect(res.status).toBe(201);
    receiver.setSecrets([res.body.secret as string]);
  }
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  jest.restoreAllMocks();
  await gas?.close();
  await water?.close();
  await h?.close();
}, BOOT_TIMEOUT_MS);

const typesOf = (received: readonly ReceivedWebhook[]): string[] => received.map((d) => d.event.type);

describe('utility callbacks, end to end', () => {
  it('receives alarm.raised, then acknowledges, accepts, arrives and resolves with its own token', async () => {
    const ids = await gasPoint(h.t, 'GAS-MH-LOOP');
    await h.feed(ramp(ids, [2, 5, 12, 30, 45, 60], { c2h6_present: 1 }));
    await gas.waitFor((r) => typesOf(r).includes('alarm.dispatched'), 'raised … dispatched');
    const alarmId = gas.ofType('alarm.raised')[0].event.data.alarmId as string;
    expect(typesOf(gas.received)).toEqual(['alarm.raised', 'alarm.escalated', 'alarm.dispatched']);

    // Time is moved on the alarm feature's clock so SLA stages fall due (DOMAIN.md §c.1, major).
    const start = h.clock.now();
    let now = start;
    jest.spyOn(h.clock, 'now').mockImplementation(() => now);
    const act = async (action: string, reason: string): Promise<Record<string, unknown>> => {
      const res = await h.t.api('POST', `/api/v1/alarms/${alarmId}/${action}`, {
        token: gasToken,
        body: { reason },
      });
      expect([action, res.status]).toEqual([action, 200]);
      return res.body as Record<string, unknown>;
    };
    const tickAt = async (offsetMs: number): Promise<void> => {
      now = start + offsetMs;
      await h.jobs.tick(now);
    };
    const awaitWebhook = (type: string, n = 1): Promise<void> =>
      gas.waitFor((r) => typesOf(r).filter((t) => t === type).length >= n, type);

    expect(await act('acknowledge', 'received by the gas dispatch centre')).toMatchObject({
      state: 'dispatched',
    });
    await awaitWebhook('alarm.acknowledged');
    // Not accepted within 10 min of dispatch: owner_ack escalates, once.
    await tickAt(11 * MIN);
    await awaitWebhook('alarm.escalated', 2);
    expect(await act('accept', 'crew 3 dispatched')).toMatchObject({ state: 'accepted' });
    await awaitWebhook('alarm.accepted');
    await tickAt(20 * MIN);
    expect(await act('arrive', 'crew 3 on site')).toMatchObject({ state: 'on_site' });
    await awaitWebhook('alarm.on_site');
    await tickAt(31 * MIN); // past the on_site due time: met, so no escalation
    expect(await act('resolve', 'valve replaced, gas-free')).toMatchObject({ state: 'resolved' });
    await awaitWebhook('alarm.resolved');
    await tickAt(4 * 60 * MIN + MIN); // past the resolve due time: met, so no escalation

    // Every alarm event the platform recorded reached the utility, once, in sequence order; the SLA
    // escalated only the stage the utility missed (owner_ack), beside the level escalation at raise.
    const recorded = (await platformEvents(h.t)).filter((e) => e.alarm_id === alarmId);
    await gas.waitFor(
      (r) => r.filter((d) => d.event.data.alarmId === alarmId).length >= recorded.length,
      'every alarm event',
    );
    const mine = gas.received.filter((d) => d.event.data.alarmId === alarmId);
    expect(typesOf(mine)).toEqual(recorded.map((e) => e.type));
    expect(typesOf(mine)).toEqual([
      'alarm.raised',
      'alarm.escalated',
      'alarm.dispatched',
      'alarm.acknowledged',
      'alarm.escalated',
      'alarm.accepted',
      'alarm.on_site',
      'alarm.resolved',
    ]);
    expect(String(mine[4].event.data.reason)).toMatch(/owner_ack/);
    const sequences = mine.map((d) => d.event.data.sequence as number);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(gas.stats()).toMatchObject({ rejected: 0, duplicates: 0, outOfOrder: 0 });
    const byUtility = mine.filter((d) =>
      ['alarm.acknowledged', 'alarm.accepted', 'alarm.on_site', 'alarm.resolved'].includes(d.event.type),
    );
    expect(new Set(byUtility.map((d) => d.event.data.actor))).toEqual(
      new Set([expect.stringMatching(/^token:/)]),
    );

    const audit = await h.t.api('GET', `/api/v1/audit?targetId=${alarmId}`);
    const actions = (audit.body.items as { action: string; role: string }[])
      .filter((a) => a.role === 'utility')
      .map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['alarm.acknowledge', 'alarm.accept', 'alarm.arrive', 'alarm.resolve']),
    );

    // Another utility neither received it nor can see or act on it.
    expect(water.received.filter((d) => d.event.data.alarmId === alarmId)).toHaveLength(0);
    expect((await h.t.api('GET', `/api/v1/alarms/${alarmId}`, { token: waterToken })).status).toBe(404);
    const foreign = await h.t.api('POST', `/api/v1/alarms/${alarmId}/acknowledge`, {
      token: waterToken,
      body: { reason: 'not mine' },
    });
    expect(foreign.status).toBe(404);
    const gasDeliveries = await h.t.api('GET', `/api/v1/webhook-deliveries?alarmId=${alarmId}`, {
      token: gasToken,
    });
    expect(gasDeliveries.body.items.length).toBeGreaterThanOrEqual(8);
    const fromWater = await h.t.api('GET', `/api/v1/webhook-deliveries?alarmId=${alarmId}`, {
      token: waterToken,
    });
    expect(fromWater.body.items).toEqual([]);
    const deliveryId = gasDeliveries.body.items[0].id as string;
    expect(
      (await h.t.api('GET', `/api/v1/webhook-deliveries/${deliveryId}`, { token: waterToken })).status,
    ).toBe(404);
  });
});
