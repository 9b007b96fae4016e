import { BOOT_TIMEOUT_MS } from '../support/app.js';
import {
  ADMIN,
  createOwnerUnits,
  eventsOf,
  gasMain,
  historyOf,
  ownerUnit,
  raise,
  riskRow,
  riskWhere,
  seen,
  startRisk,
  transition,
  type GasMain,
  type RiskHarness,
} from './harness.js';

/**
 * DOMAIN.md §b.2–§b.3 against real PostgreSQL: a red CH4 alarm in an adjacent manhole turns the main
 * 重大 at once (event-driven), closing it does not downgrade before the 7-day quiet period, after which
 * the level returns to 较大. Time is moved with the risk clock, never waited for.
 */

const MIN = 60_000;
const DAY = 86_400_000;

let h: RiskHarness;
let ids: GasMain;
const T0 = Date.now();

beforeAll(async () => {
  h = await startRisk();
  await createOwnerUnits(h.t, ownerUnit('gas-co', ['gas']));
  ids = await gasMain(h.t, 'B3', T0);
}, BOOT_TIMEOUT_MS);
afterAll(async () => h?.close(), BOOT_TIMEOUT_MS);

/** Sets the risk clock and keeps the detector reporting up to then (as the ingest would). */
async function at(time: number): Promise<void> {
  await seen(h.t, ids.deviceId, time);
  h.setNow(time);
}

/** The level changes of the asset's history (a detector reporting late adds verified-only rows). */
async function levelChanges(assetId: string): Promise<[string | null, string, string][]> {
  return (await historyOf(h.t, assetId))
    .filter((r) => r.from_level !== r.to_level)
    .map((r) => [r.from_level, r.to_level, r.reason]);
}

async function tick(): Promise<void> {
  h.evaluator.requestSweep('tick');
  await h.evaluator.idle();
}

describe('the §b.3 main, event-driven', () => {
  let alarm: Awaited<ReturnType<typeof raise>>;

  it('is graded 较大 (L4 × S4 = 16) as soon as it is registered, verified by its fresh detector', async () => {
    const row = await riskWhere(h.t, ids.mainId, (r) => r.verified);
    expect(row).toMatchObject({
      level: 'larger',
      score: 16,
      likelihood: 4,
      severity: 4,
      static_level: 'larger',
    });
    expect(await levelChanges(ids.mainId)).toEqual([[null, 'larger', 'initial']]);
  });

  it('turns 重大 when a red ≥ 50 %LEL alarm opens in its manhole, naming the device, reading and rule', async () => {
    alarm = await raise(h.t, {
      assetId: ids.manholeId,
      deviceId: ids.deviceId,
      level: 'major',
      value: 52,
      threshold: 50,
    });
    const row = await riskWhere(h.t, ids.mainId, (r) => r.level === 'major', 'the main to turn major');
    const explanation = row.explanation as { dynamic: { overrides: unknown[]; factors: unknown[] } };
    expect(explanation.dynamic.overrides).toContainEqual({
      key: 'override.ch4_confined_space',
      floor: 'major',
      source: expect.objectContaining({
        deviceId: ids.deviceId,
        metric: 'ch4_lel',
        value: 52,
        threshold: 50,
        ruleId: 'gas.ch4_lel',
      }),
    });
    // Auto-dispatched (major skips verification), so it is confirmed: ΔL_alarm +2, L 4 → 5, R = 20.
    expect(explanation.dynamic.factors).toContainEqual(
      expect.objectContaining({ key: 'alarm.red', delta: 2 }),
    );
    expect(row).toMatchObject({ likelihood: 5, severity: 4, score: 20, verified: true });

    const view = await h.t.api('GET', `/api/v1/assets/${ids.mainId}/risk`);
    expect(view.body).toMatchObject({
      level: 'major',
      colour: 'red',
      label: '重大',
      verified: true,
      score: 20,
    });
    expect(view.body.reasons[0]).toContain(ids.deviceId);
    expect(view.body.reasons[0]).toContain('52');
    expect(view.body.reasons[0]).toContain('gas.ch4_lel');
  });

  it('records the upgrade in the history and emits risk.level_changed', async () => {
    expect(await levelChanges(ids.mainId)).toEqual([
      [null, 'larger', 'initial'],
      ['larger', 'major', 'upgrade'],
    ]);
    const events = await eventsOf(h.t, 'risk.level_changed', ids.mainId);
    expect(events.map((e) => e.payload.data)).toContainEqual(
      expect.objectContaining({
        assetId: ids.mainId,
        ownerUnitId: 'gas-co',
        domain: 'gas',
        from: 'larger',
        to: 'major',
        verified: true,
        score: 20,
      }),
    );
    const res = await h.t.api('GET', `/api/v1/assets/${ids.mainId}/risk/history`);
    // The trigger is whichever input change got there first (the alarm, or the detector's device.online).
    expect(res.body.items[0]).toMatchObject({
      from: 'larger',
      to: 'major',
      toLabel: '重大',
      reason: 'upgrade',
    });
    expect(res.body.items[0].explanation.dynamic.overrides.length).toBeGreaterThan(0);
  });

  it('stays 重大 after the alarm is closed, until the quiet period has passed', async () => {
    await at(T0 + 30 * MIN);
    const steps = [
      { command: { type: 'accept', reason: 'crew assigned' }, actor: ADMIN },
      { command: { type: 'arrive', reason: 'on site' }, actor: ADMIN },
      { command: { type: 'resolve', reason: 'joint replaced' }, actor: ADMIN },
      { command: { type: 'close', reason: 'verified on site', force: true }, actor: ADMIN },
    ] as const;
    await transition(h.t, alarm, steps, T0 + 20 * MIN, true);
    await h.evaluator.idle();
    const afterClose = await riskWhere(
      h.t,
      ids.mainId,
      (r) => (r.state as { pendingDowngrade: unknown }).pendingDowngrade !== null,
      'the pending downgrade',
    );
    expect(afterClose).toMatchObject({ level: 'major', score: 16 });
    expect((afterClose.explanation as { transition: { reason: string } }).transition.reason).toBe(
      'hold_quiet_period',
    );

    await at(T0 + 30 * MIN + 6 * DAY);
    await tick();
    expect(await riskRow(h.t, ids.mainId)).toMatchObject({ level: 'major' });
    expect(await levelChanges(ids.mainId)).toHaveLength(2);
  });

  it('returns to 较大 once 7 days of clean data have passed, with a history row and an event', async () => {
    await at(T0 + 30 * MIN + 7 * DAY + MIN);
    await tick();
    expect(await riskRow(h.t, ids.mainId)).toMatchObject({ level: 'larger', score: 16, verified: true });
    const last = (await historyOf(h.t, ids.mainId)).at(-1);
    expect(last).toMatchObject({ from_level: 'major', to_level: 'larger', reason: 'downgrade' });
    const events = await eventsOf(h.t, 'risk.level_changed', ids.mainId);
    expect(events.at(-1)?.payload.data).toMatchObject({ from: 'major', to: 'larger' });
  });
});

describe('external reports (POST /assets/{id}/external-events)', () => {
  beforeAll(() => h.setNow(Date.now()));

  it('an excavation within 10 m raises L by one, is audited, and needs the operator role', async () => {
    const { mainId } = await gasMain(h.t, 'EXC', Date.now());
    await riskWhere(h.t, mainId, (r) => r.level === 'larger' && r.verified);
    const body = {
      kind: 'excavation',
      distanceM: 8,
      note: '路面开挖，距管道 8 m（12345 工单）',
      source: '12345',
    };
    const monitor = await h.t.api('POST', '/api/v1/tokens', { body: { role: 'monitor' } });
    const denied = await h.t.api('POST', `/api/v1/assets/${mainId}/external-events`, {
      body,
      token: monitor.body.token,
    });
    expect(denied.status).toBe(403);

    const created = await h.t.api('POST', `/api/v1/assets/${mainId}/external-events`, { body });
    expect(created.status).toBe(201);
    const row = await riskWhere(h.t, mainId, (r) => r.level === 'major', 'the excavation to raise the level');
    expect(row).toMatchObject({ likelihood: 5, severity: 4, score: 20 });
    const factors = (row.explanation as { dynamic: { factors: { key: string }[] } }).dynamic.factors;
    expect(factors.map((f) => f.key)).toContain('external.excavation');
    const audit = await h.t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'asset.external_event')
      .execute();
    expect(audit).toMatchObject([{ target_id: mainId, reason: body.note }]);
  });

  it('refuses a major event without an end (422) and an unknown asset (404)', async () => {
    const noEnd = await h.t.api('POST', '/api/v1/assets/B3-MAIN/external-events', {
      body: { kind: 'major_event', note: '马拉松' },
    });
    expect(noEnd.status).toBe(422);
    expect(noEnd.body.code).toBe('EXTERNAL_EVENT_INVALID');
    const missing = await h.t.api('POST', '/api/v1/assets/NOPE/external-events', {
      body: { kind: 'subsidence', note: 'x' },
    });
    expect(missing.status).toBe(404);
  });
});
