import { expectStatus, tokenFor } from '../api/fixtures.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { AlarmJobs } from '../../apps/server/src/alarms/schedule/alarm-jobs.js';
import { alarmRows, gasPoint, gasReading, ramp, startAlarms, type AlarmHarness } from './harness.js';

let h: AlarmHarness;
const MIN = 60_000;

beforeAll(async () => {
  h = await startAlarms();
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await h?.close();
}, BOOT_TIMEOUT_MS);

async function historyOf(alarmId: string) {
  return h.t.db
    .selectFrom('alarm_events')
    .selectAll()
    .where('alarm_id', '=', alarmId)
    .orderBy('sequence')
    .execute();
}

describe('SLA escalation and auto-close (dispatcher role)', () => {
  it('escalates an overdue stage once, even with two dispatcher processes ticking together', async () => {
    const ids = await gasPoint(h.t, 'GAS-ESC-1');
    await h.feed(ramp(ids, [60]));
    const [alarm] = await alarmRows(h.t, ids.assetId);
    expect(alarm).toMatchObject({ level: 'major', state: 'dispatched' });
    const dispatchedAt = alarm.raised_at.getTime();

    // DOMAIN.md §c.1 red: the owner acknowledges within 10 min of the dispatch.
    await h.jobs.tick(dispatchedAt + 9 * MIN);
    expect((await historyOf(alarm.id)).filter((e) => e.type === 'alarm.escalated')).toHaveLength(0);
    await h.jobs.tick(dispatchedAt + 11 * MIN);
    await h.jobs.tick(dispatchedAt + 12 * MIN);
    let escalations = (await historyOf(alarm.id)).filter((e) => e.type === 'alarm.escalated');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({
      actor: 'sla-scheduler',
      role: 'system',
      detail: { stage: 'owner_ack' },
    });
    expect(escalations[0].reason).toContain('owner_ack overdue');

    const other = await h.replica('dispatcher');
    const otherJobs = other.app.get(AlarmJobs);
    const at = dispatchedAt + 31 * MIN; // on site within 30 min
    await Promise.all([h.jobs.tick(at), otherJobs.tick(at), h.jobs.tick(at), otherJobs.tick(at)]);
    escalations = (await historyOf(alarm.id)).filter((e) => e.type === 'alarm.escalated');
    expect(escalations.map((e) => e.detail.stage)).toEqual(['owner_ack', 'on_site']);
    const events = await h.t.db
      .selectFrom('platform_events')
      .select('type')
      .where('alarm_id', '=', alarm.id)
      .where('type', '=', 'alarm.escalated')
      .execute();
    expect(events).toHaveLength(2);
    const [row] = await alarmRows(h.t, ids.assetId);
    expect(row.workflow).toMatchObject({ escalations: 2, escalatedStages: ['owner_ack', 'on_site'] });
    await other.close();
  });

  it('closes a resolved alarm after its verification window of normal data, not before', async () => {
    const ids = await gasPoint(h.t, 'GAS-ESC-2');
    const t0 = Date.now() - 5 * MIN;
    await h.feed([gasReading(ids, { ch4_lel: 12 }, t0), gasReading(ids, { ch4_lel: 2 }, t0 + MIN)]);
    const [alarm] = await alarmRows(h.t, ids.assetId);
    const utility = await tokenFor(h.t, 'utility', 'gas-co');
    for (const [action, token] of [
      ['verify', undefined],
      ['dispatch', undefined],
      ['accept', utility],
      ['arrive', utility],
      ['resolve', utility],
    ] as const) {
      expectStatus(
        await h.t.api('POST', `/api/v1/alarms/${alarm.id}/${action}`, { token, body: { reason: action } }),
        200,
      );
    }
    const resolved = (await alarmRows(h.t, ids.assetId))[0];
    const resolvedAt = (resolved.workflow as { reached: { resolved: number } }).reached.resolved;
    // DOMAIN.md §c.3: yellow closes after 6 h of normal data.
    await h.jobs.tick(resolvedAt + 5 * 60 * MIN);
    expect((await alarmRows(h.t, ids.assetId))[0].state).toBe('resolved');
    await h.jobs.tick(resolvedAt + 6 * 60 * MIN + MIN);
    const [closed] = await alarmRows(h.t, ids.assetId);
    expect(closed).toMatchObject({ state: 'closed', close_due_at: null, escalation_due_at: null });
    const last = (await historyOf(alarm.id)).at(-1);
    expect(last).toMatchObject({ type: 'alarm.closed', actor: 'sla-scheduler' });
    expect(last?.reason).toContain('6 h of normal data');
  });
});
