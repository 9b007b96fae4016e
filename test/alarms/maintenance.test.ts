import { expectStatus, lineAsset, tokenFor } from '../api/fixtures.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { alarmRows, gasPoint, ramp, startAlarms, type AlarmHarness } from './harness.js';

let h: AlarmHarness;
const MIN = 60_000;

beforeAll(async () => {
  h = await startAlarms();
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await h?.close();
}, BOOT_TIMEOUT_MS);

const windowBody = (scope: Record<string, unknown>, startsAt: number, endsAt: number) => ({
  name: 'valve replacement',
  reason: 'planned works on the main; gas-co on site',
  scope,
  schedule: {
    kind: 'once',
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
  },
});

async function eventsOf(alarmId: string) {
  return h.t.db
    .selectFrom('platform_events')
    .selectAll()
    .where('alarm_id', '=', alarmId)
    .orderBy('id')
    .execute();
}

describe('maintenance windows', () => {
  it('refuses a window that makes no sense, with every problem listed', async () => {
    const now = Date.now();
    const bad = await h.t.api('POST', '/api/v1/maintenance-windows', {
      body: windowBody({ kind: 'assets', assetIds: ['NO-SUCH-ASSET'] }, now, now - MIN),
    });
    expect(bad.body).toMatchObject({ status: 422, code: 'MAINTENANCE_WINDOW_INVALID' });
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'schedule',
      'scope.assetIds',
    ]);
    const utility = await tokenFor(h.t, 'utility', 'gas-co');
    const forbidden = await h.t.api('POST', '/api/v1/maintenance-windows', {
      token: utility,
      body: windowBody({ kind: 'domains', domains: ['gas'] }, now, now + MIN),
    });
    expect(forbidden.status).toBe(403);
  });

  it('holds the notices of alarms in scope and releases the resolved notice when the window ends', async () => {
    expectStatus(await h.t.api('POST', '/api/v1/assets', { body: lineAsset('GAS-MW-MAIN') }), 201);
    const ids = await gasPoint(h.t, 'GAS-MW-1', { parentId: 'GAS-MW-MAIN' });
    const start = Date.now() - MIN;
    const end = Date.now() + 60 * MIN;
    const created = await h.t.api('POST', '/api/v1/maintenance-windows', {
      body: windowBody({ kind: 'assets', assetIds: ['GAS-MW-MAIN'], includeDescendants: true }, start, end),
    });
    expectStatus(created, 201);
    expect(created.body).toMatchObject({ active: true, scope: { kind: 'assets' } });
    const started = await h.t.db
      .selectFrom('platform_events')
      .selectAll()
      .where('type', '=', 'maintenance.started')
      .execute();
    expect(started).toHaveLength(1);

    await h.feed(ramp(ids, [12]));
    const [alarm] = await alarmRows(h.t, ids.assetId);
    expect(alarm).toMatchObject({ suppressed: true, state: 'raised' });
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
    const during = await eventsOf(alarm.id);
    expect(during.every((e) => e.suppressed)).toBe(true);
    const held = await h.t.db
      .selectFrom('alarm_events')
      .select(['type', 'notice'])
      .where('alarm_id', '=', alarm.id)
      .orderBy('sequence')
      .execute();
    expect(held.every((e) => e.notice === 'held')).toBe(true);

    await h.jobs.tick(end + MIN);

    const ended = await h.t.db
      .selectFrom('platform_events')
      .selectAll()
      .where('type', '=', 'maintenance.ended')
      .execute();
    expect(ended).toHaveLength(1);
    const after = await eventsOf(alarm.id);
    const released = after.filter((e) => !e.suppressed);
    // The alarm is resolved: its activation notices are moot, its resolution is still delivered (PEERS.md §4 item 6).
    expect(released.map((e) => e.type)).toEqual(['alarm.resolved']);
    expect(released[0].payload.data).toMatchObject({ alarmId: alarm.id, released: true, state: 'resolved' });
    expect(released[0].id).toBeGreaterThan(ended[0].id as unknown as number);
    const notices = await h.t.db
      .selectFrom('alarm_events')
      .select(['type', 'notice'])
      .where('alarm_id', '=', alarm.id)
      .orderBy('sequence')
      .execute();
    expect(notices.map((n) => `${n.type}:${n.notice}`)).toEqual([
      'alarm.raised:discarded',
      'alarm.verified:discarded',
      'alarm.dispatched:discarded',
      'alarm.accepted:discarded',
      'alarm.on_site:discarded',
      'alarm.resolved:released',
    ]);
    await h.jobs.tick(end + 2 * MIN);
    expect((await eventsOf(alarm.id)).filter((e) => !e.suppressed)).toHaveLength(1);
  });

  it('cancelling a window ends it at once; an alarm still open then gets its activation notice', async () => {
    const ids = await gasPoint(h.t, 'GAS-MW-2');
    const created = await h.t.api('POST', '/api/v1/maintenance-windows', {
      body: windowBody(
        { kind: 'districts', districts: ['康巴什区'] },
        Date.now() - MIN,
        Date.now() + 60 * MIN,
      ),
    });
    expectStatus(created, 201);
    await h.feed(ramp(ids, [30]));
    const [alarm] = await alarmRows(h.t, ids.assetId);
    expect(alarm.suppressed).toBe(true);

    const noReason = await h.t.api('DELETE', `/api/v1/maintenance-windows/${created.body.id}`);
    expect(noReason.status).toBe(400);
    const cancel = await h.t.api(
      'DELETE',
      `/api/v1/maintenance-windows/${created.body.id}?reason=works%20postponed`,
    );
    expect(cancel.status).toBe(204);
    const view = await h.t.api('GET', `/api/v1/maintenance-windows/${created.body.id}`);
    expect(view.body).toMatchObject({
      active: false,
      cancelledAt: expect.any(String),
      cancelledBy: expect.stringMatching(/^token:|admin/),
    });
    const audit = await h.t.api(
      'GET',
      `/api/v1/audit?targetType=maintenance_window&targetId=${created.body.id}`,
    );
    expect(
      (audit.body.items as { action: string; reason: string }[]).map((a) => [a.action, a.reason]),
    ).toEqual([
      ['maintenance_window.cancel', 'works postponed'],
      ['maintenance_window.create', 'planned works on the main; gas-co on site'],
    ]);
    const ended = await h.t.db
      .selectFrom('platform_events')
      .select(['type', 'payload'])
      .where('type', '=', 'maintenance.ended')
      .execute();
    expect(
      ended.some((e) => e.payload.data.windowId === created.body.id && e.payload.data.why === 'cancelled'),
    ).toBe(true);

    await h.jobs.tick(Date.now());
    const released = (await eventsOf(alarm.id)).filter((e) => !e.suppressed);
    expect(released.map((e) => e.type)).toEqual(['alarm.raised']);
    const listed = await h.t.api('GET', '/api/v1/maintenance-windows');
    expect((listed.body as { id: string }[]).map((w) => w.id)).not.toContain(created.body.id);
  });
});
