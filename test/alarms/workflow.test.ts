import { expectStatus, tokenFor } from '../api/fixtures.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { alarmRows, atTime, gasPoint, gasReading, ramp, startAlarms, type AlarmHarness } from './harness.js';

let h: AlarmHarness;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await startAlarms();
  tokens.monitor = await tokenFor(h.t, 'monitor');
  tokens.operator = await tokenFor(h.t, 'operator');
  tokens.auditor = await tokenFor(h.t, 'auditor');
  tokens.gas = await tokenFor(h.t, 'utility', 'gas-co');
  tokens.water = await tokenFor(h.t, 'utility', 'water-co');
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await h?.close();
}, BOOT_TIMEOUT_MS);

/** A fresh CH4 alarm at `value` %LEL (10 → general, 30 → larger, 60 → major) on a new manhole. */
async function alarmAt(assetId: string, value: number): Promise<string> {
  const ids = await gasPoint(h.t, assetId);
  await h.feed(ramp(ids, [value]));
  const [alarm] = await alarmRows(h.t, assetId);
  return alarm.id;
}

const act = (id: string, action: string, token: string | undefined, body: Record<string, unknown> = {}) =>
  h.t.api('POST', `/api/v1/alarms/${id}/${action}`, { token, body: { reason: `${action}: note`, ...body } });

describe('alarm workflow API', () => {
  it('walks an alarm through every step; each one is in the history and the audit log with who and why', async () => {
    const id = await alarmAt('GAS-WF-1', 12);
    const steps: [string, string][] = [
      ['acknowledge', 'monitor'],
      ['verify', 'monitor'],
      ['shelve', 'operator'],
      ['unshelve', 'operator'],
      ['out-of-service', 'operator'],
      ['return-to-service', 'operator'],
      ['dispatch', 'monitor'],
      ['accept', 'gas'],
      ['arrive', 'gas'],
      ['resolve', 'gas'],
      ['reopen', 'monitor'],
      ['dispatch', 'monitor'],
      ['accept', 'gas'],
      ['arrive', 'gas'],
      ['resolve', 'gas'],
    ];
    for (const [action, who] of steps) {
      const extra = action === 'shelve' ? { until: new Date(Date.now() + 30 * 60_000).toISOString() } : {};
      const res = await act(id, action, tokens[who], extra);
      expectStatus(res, 200);
    }
    const close = await act(id, 'close', undefined, { force: true, reason: 'made safe; verified on site' });
    expectStatus(close, 200);
    expect(close.body).toMatchObject({ state: 'closed', closedAt: expect.any(String) });

    const detail = await h.t.api('GET', `/api/v1/alarms/${id}`);
    const types = (detail.body.events as { type: string }[]).map((e) => e.type);
    expect(types).toEqual([
      'alarm.raised',
      'alarm.acknowledged',
      'alarm.verified',
      'alarm.shelved',
      'alarm.unshelved',
      'alarm.out_of_service',
      'alarm.returned_to_service',
      'alarm.dispatched',
      'alarm.accepted',
      'alarm.on_site',
      'alarm.resolved',
      'alarm.reopened',
      'alarm.dispatched',
      'alarm.accepted',
      'alarm.on_site',
      'alarm.resolved',
      'alarm.closed',
    ]);
    expect(detail.body.events[1]).toMatchObject({ role: 'monitor', reason: 'acknowledge: note' });

    const audit = await h.t.api('GET', `/api/v1/audit?targetType=alarm&targetId=${id}&limit=100`);
    expectStatus(audit, 200);
    const entries = (
      audit.body.items as { action: string; role: string; actor: string; reason: string }[]
    ).reverse();
    expect(entries.map((e) => e.action)).toEqual([
      ...steps.map(([a]) => `alarm.${a.replaceAll('-', '_')}`),
      'alarm.close',
    ]);
    expect(entries[7]).toMatchObject({
      role: 'utility',
      actor: expect.stringMatching(/^token:/),
      reason: 'accept: note',
    });
    expect(entries[entries.length - 1]).toMatchObject({
      role: 'admin',
      reason: 'made safe; verified on site',
    });
  });

  it('answers an action the state does not allow with a 409 problem, and a missing reason with 422', async () => {
    const id = await alarmAt('GAS-WF-2', 12);
    const early = await act(id, 'accept', tokens.gas);
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    expect(early.body).toMatchObject({
      status: 409,
      code: 'INVALID_TRANSITION',
      type: 'urn:lifeline:problem:invalid-transition',
      detail: expect.stringContaining('raised'),
    });
    const noReason = await h.t.api('POST', `/api/v1/alarms/${id}/verify`, { body: {} });
    expect(noReason.body).toMatchObject({ status: 422, code: 'REASON_REQUIRED' });
    const unknown = await act(id, 'teleport', undefined);
    expect(unknown.status).toBe(400);
    expectStatus(await act(id, 'acknowledge', tokens.monitor), 200);
    expect((await act(id, 'acknowledge', tokens.monitor)).body).toMatchObject({
      status: 409,
      code: 'ALREADY_ACKNOWLEDGED',
    });
    const stale = await act(id, 'verify', tokens.monitor, { sequence: 1 });
    expect(stale.body).toMatchObject({ status: 409, code: 'ALARM_CONFLICT' });
    expect((await alarmRows(h.t, 'GAS-WF-2'))[0].state).toBe('raised');
    const dismissed = await act(id, 'dismiss', tokens.monitor, { reason: 'sewer biogas, no ethane' });
    expect(dismissed.body).toMatchObject({ state: 'dismissed', closedAt: expect.any(String) });
    expect((await act(id, 'acknowledge', tokens.monitor)).body).toMatchObject({
      status: 409,
      code: 'INVALID_TRANSITION',
    });
  });

  it('keeps a utility to its own unit (404 for others) and the auditor read-only', async () => {
    const id = await alarmAt('GAS-WF-3', 12);
    expect((await h.t.api('GET', `/api/v1/alarms/${id}`, { token: tokens.water })).status).toBe(404);
    expect((await act(id, 'acknowledge', tokens.water)).status).toBe(404);
    const waterList = await h.t.api('GET', '/api/v1/alarms', { token: tokens.water });
    expect(waterList.body.items).toEqual([]);
    const gasList = await h.t.api('GET', '/api/v1/alarms?assetId=GAS-WF-3', { token: tokens.gas });
    expect((gasList.body.items as { id: string }[]).map((a) => a.id)).toEqual([id]);
    expect((await act(id, 'verify', tokens.gas)).body).toMatchObject({ status: 403, code: 'FORBIDDEN_ROLE' });
    expectStatus(await act(id, 'acknowledge', tokens.gas), 200);

    expectStatus(await h.t.api('GET', `/api/v1/alarms/${id}`, { token: tokens.auditor }), 200);
    expect((await act(id, 'verify', tokens.auditor)).body).toMatchObject({
      status: 403,
      code: 'FORBIDDEN_ROLE',
    });
  });

  it('caps shelving at the level maximum (major: 30 min, an ASSUMPTION of workflow-model.ts)', async () => {
    const id = await alarmAt('GAS-WF-4', 60);
    const tooLong = await act(id, 'shelve', tokens.monitor, {
      until: new Date(Date.now() + 45 * 60_000).toISOString(),
    });
    expect(tooLong.body).toMatchObject({ status: 422, code: 'SHELVE_TOO_LONG' });
    const past = await act(id, 'shelve', tokens.monitor, {
      until: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.body).toMatchObject({ status: 422, code: 'SHELVE_UNTIL_INVALID' });
    const until = new Date(Date.now() + 20 * 60_000).toISOString();
    const ok = await act(id, 'shelve', tokens.monitor, { until });
    expectStatus(ok, 200);
    expect(ok.body).toMatchObject({ shelved: true, shelvedUntil: until });
  });

  it('lists alarms by level then age, with filters and a cursor', async () => {
    const ids = await gasPoint(h.t, 'GAS-WF-LIST');
    await h.feed([gasReading(ids, { ch4_lel: 12 }, Date.now() - 1000)]);
    const page = await h.t.api('GET', '/api/v1/alarms?open=true&limit=2');
    expectStatus(page, 200);
    const all: { level: string; raisedAt: string }[] = [...page.body.items];
    let cursor = page.body.nextCursor as string | null;
    while (cursor) {
      const next = await h.t.api('GET', `/api/v1/alarms?open=true&limit=2&cursor=${cursor}`);
      all.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    const rank = { major: 3, larger: 2, general: 1, low: 0 } as Record<string, number>;
    const keys = all.map((a) => `${9 - rank[a.level]}|${a.raisedAt}`);
    expect(keys).toEqual([...keys].sort());
    expect(all.length).toBe(
      (await alarmRows(h.t)).filter((a) => !['closed', 'dismissed'].includes(a.state)).length,
    );
    const majors = await h.t.api('GET', '/api/v1/alarms?level=major&domain=gas');
    expect((majors.body.items as { level: string }[]).every((a) => a.level === 'major')).toBe(true);
    expect((await h.t.api('GET', '/api/v1/alarms?cursor=nonsense')).status).toBe(400);
  });

  it('shows SLA due times, and overdue alarms under overdue=true', async () => {
    const id = await alarmAt('GAS-WF-SLA', 30);
    const detail = await h.t.api('GET', `/api/v1/alarms/${id}`);
    expect((detail.body.sla.stages as { stage: string }[]).map((s) => s.stage)).toEqual([
      'confirm',
      'dispatch',
    ]);
    expect(detail.body.sla.overdue).toBe(false);
    const raisedAt = Date.parse(detail.body.raisedAt);
    // DOMAIN.md §c.1 orange: confirm within 15 min of the alarm.
    expect(Date.parse(detail.body.sla.stages[0].dueAt) - raisedAt).toBe(15 * 60_000);

    await atTime(h.clock, raisedAt + 16 * 60_000, async () => {
      const overdue = await h.t.api('GET', '/api/v1/alarms?overdue=true&limit=1000');
      expect((overdue.body.items as { id: string }[]).map((a) => a.id)).toContain(id);
      const mine = (overdue.body.items as { id: string; sla: unknown }[]).find((a) => a.id === id);
      expect(mine?.sla).toMatchObject({
        overdue: true,
        stages: [
          { stage: 'confirm', overdue: true },
          { stage: 'dispatch', overdue: false },
        ],
      });
    });
    const now = await h.t.api('GET', '/api/v1/alarms?overdue=true&limit=1000');
    expect((now.body.items as { id: string }[]).map((a) => a.id)).not.toContain(id);
  });

  it('documents the alarm, rules, maintenance and event routes in OpenAPI', async () => {
    const doc = await h.t.api('GET', '/api/docs-json', { token: null });
    expectStatus(doc, 200);
    expect(Object.keys(doc.body.paths as object)).toEqual(
      expect.arrayContaining([
        '/api/v1/alarms',
        '/api/v1/alarms/{id}',
        '/api/v1/alarms/{id}/{action}',
        '/api/v1/rules',
        '/api/v1/rules/overrides/{scope}/{scopeId}/{ruleId}',
        '/api/v1/maintenance-windows',
        '/api/v1/maintenance-windows/{id}',
        '/api/v1/events',
      ]),
    );
  });
});
