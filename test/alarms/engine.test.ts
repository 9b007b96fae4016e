import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { raiseAlarm } from '#domain';
import { sql } from '#postgres';
import { AlarmPolicy } from '../../apps/server/src/alarms/core/alarm-policy.js';
import { rowOf } from '../../apps/server/src/alarms/core/alarm-record.js';
import { eventually, metricValue } from '../ingest/harness.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { expectStatus } from '../api/fixtures.js';
import {
  alarmRows,
  gasPoint,
  gasReading,
  platformEvents,
  ramp,
  startAlarms,
  type AlarmHarness,
} from './harness.js';

let h: AlarmHarness;

beforeAll(async () => {
  h = await startAlarms();
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await h?.close();
}, BOOT_TIMEOUT_MS);

const typesOf = (events: { type: string }[]): string[] => events.map((e) => e.type);

describe('alarm engine: readings → alarms', () => {
  it('raises one alarm for a CH4 ramp with ethane, escalates it to major and auto-dispatches it', async () => {
    const ids = await gasPoint(h.t, 'GAS-MH-RAMP');
    await h.feed(ramp(ids, [2, 5, 12, 30, 45, 60], { c2h6_present: 1 }));

    const alarms = await alarmRows(h.t, ids.assetId);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({
      rule_id: 'gas.ch4_lel',
      level: 'major',
      state: 'dispatched',
      device_id: ids.deviceId,
      metric: 'ch4_lel',
      condition_active: true,
      owner_unit_id: 'gas-co',
    });
    const history = await h.t.db
      .selectFrom('alarm_events')
      .selectAll()
      .where('alarm_id', '=', alarms[0].id)
      .orderBy('sequence')
      .execute();
    expect(history.map((e) => [e.sequence, e.type])).toEqual([
      [1, 'alarm.raised'],
      [2, 'alarm.escalated'],
      [3, 'alarm.dispatched'],
    ]);
    // 12 %LEL is yellow, confirmed by ethane one level up (DOMAIN.md §a.1); 30 %LEL orange + ethane = red.
    expect(history[0].detail).toMatchObject({ level: 'larger' });
    expect(history[0].reason).toContain('c2h6_present');
    expect(history[1].detail).toMatchObject({ level: 'major', from_level: 'larger' });

    const events = await platformEvents(h.t);
    const mine = events.filter((e) => e.asset_id === ids.assetId && e.type.startsWith('alarm.'));
    expect(typesOf(mine)).toEqual(['alarm.raised', 'alarm.escalated', 'alarm.dispatched']);
    expect(mine[1].payload.data).toMatchObject({
      alarmId: alarms[0].id,
      sequence: 2,
      level: 'major',
      domain: 'gas',
      metric: 'ch4_lel',
      value: 30,
      ownerUnitId: 'gas-co',
      links: { self: expect.stringContaining(`/api/v1/alarms/${alarms[0].id}`) },
    });
  });

  it('clears, notes the return of the condition, and reopens a resolved alarm on relapse', async () => {
    const ids = await gasPoint(h.t, 'GAS-MH-RELAPSE');
    const t0 = Date.now() - 30 * 60_000;
    await h.feed([gasReading(ids, { ch4_lel: 12 }, t0), gasReading(ids, { ch4_lel: 3 }, t0 + 60_000)]);
    let [alarm] = await alarmRows(h.t, ids.assetId);
    expect(alarm).toMatchObject({ level: 'general', state: 'raised', condition_active: false });

    for (const action of ['verify', 'dispatch']) {
      expectStatus(
        await h.t.api('POST', `/api/v1/alarms/${alarm.id}/${action}`, { body: { reason: action } }),
        200,
      );
    }
    const utility = await h.t.api('POST', '/api/v1/tokens', {
      body: { role: 'utility', ownerUnitId: 'gas-co' },
    });
    for (const action of ['accept', 'arrive', 'resolve']) {
      const res = await h.t.api('POST', `/api/v1/alarms/${alarm.id}/${action}`, {
        token: utility.body.token,
        body: { reason: `${action} by the gas company` },
      });
      expectStatus(res, 200);
    }
    await h.feed([gasReading(ids, { ch4_lel: 14 }, t0 + 2 * 60_000)]);

    const alarms = await alarmRows(h.t, ids.assetId);
    expect(alarms).toHaveLength(1);
    [alarm] = alarms;
    expect(alarm).toMatchObject({ state: 'reopened', condition_active: true });
    const history = await h.t.db
      .selectFrom('alarm_events')
      .select(['type', 'actor'])
      .where('alarm_id', '=', alarm.id)
      .orderBy('sequence')
      .execute();
    expect(typesOf(history)).toEqual([
      'alarm.raised',
      'alarm.cleared',
      'alarm.verified',
      'alarm.dispatched',
      'alarm.accepted',
      'alarm.on_site',
      'alarm.resolved',
      'alarm.reopened',
    ]);
    expect(history[7].actor).toBe('rule-engine');
  });

  it('keeps exactly one open alarm per asset and rule when two engine replicas race on the same readings', async () => {
    const ids = await gasPoint(h.t, 'GAS-MH-RACE');
    const replica = await h.replica();
    const readings = ramp(ids, [12, 30, 60]);
    // Both processes get every reading at the same moment, as two ingest replicas would after a redelivery.
    await Promise.all([
      h.feed(readings.map((r) => ({ ...r }))),
      replica.feed(readings.map((r) => ({ ...r }))),
    ]);

    const alarms = await alarmRows(h.t, ids.assetId);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ level: 'major', state: 'dispatched' });
    const events = (await platformEvents(h.t)).filter(
      (e) => e.asset_id === ids.assetId && e.type.startsWith('alarm.'),
    );
    expect(typesOf(events).filter((t) => t === 'alarm.raised')).toHaveLength(1);
    expect(typesOf(events).filter((t) => t === 'alarm.dispatched')).toHaveLength(1);
    const sequences = await h.t.db
      .selectFrom('alarm_events')
      .select('sequence')
      .where('alarm_id', '=', alarms[0].id)
      .orderBy('sequence')
      .execute();
    expect(sequences.map((s) => s.sequence)).toEqual(sequences.map((_, i) => i + 1));
    await replica.close();
  });

  it('folds its raise into the alarm another replica is committing at that moment (unique-index conflict)', async () => {
    const ids = await gasPoint(h.t, 'GAS-MH-CONFLICT');
    const other = new pg.Client({ connectionString: h.t.databaseUrl });
    await other.connect();
    const now = Date.now();
    const { alarm } = raiseAlarm(
      {
        id: randomUUID(),
        assetId: ids.assetId,
        ownerUnitId: 'gas-co',
        ruleId: 'gas.ch4_lel',
        level: 'general',
        reason: 'other replica',
      },
      now,
    );
    const row = rowOf(
      {
        workflow: alarm,
        domain: 'gas',
        district: '康巴什区',
        ruleVersion: 'r',
        deviceId: ids.deviceId,
        metric: 'ch4_lel',
        conditionLevel: 'general',
        value: 12,
        threshold: 10,
        conditionActive: true,
        suppressed: false,
        chattering: false,
        incidentId: null,
        previousAlarmId: null,
      },
      now,
      new AlarmPolicy(),
    );
    const columns = Object.keys(row);
    // The other replica has inserted its alarm and not yet committed.
    await other.query('begin');
    await other.query(
      `insert into alarms (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => (row as Record<string, unknown>)[c]),
    );
    const feeding = h.feed(ramp(ids, [30]));
    // Polled from another session: inside `other`'s transaction the statistics views would not change.
    await eventually(
      async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(h.t.db)
        ).rows[0].n,
      (n) => n === 1,
      'the engine to wait on the conflicting insert',
    );
    await other.query('commit');
    await feeding;
    await other.end();

    const alarms = await alarmRows(h.t, ids.assetId);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ id: alarm.id, level: 'larger', value: 30 });
    const history = await h.t.db
      .selectFrom('alarm_events')
      .select(['sequence', 'type'])
      .where('alarm_id', '=', alarm.id)
      .execute();
    expect(history).toEqual([{ sequence: 2, type: 'alarm.escalated' }]);
  });

  it('resumes an on-delay across an engine restart (rule state persisted)', async () => {
    const ids = await gasPoint(h.t, 'GAS-MH-RESTART');
    const override = {
      override: { onDelay: { readings: 3, ms: 0 } },
      reason: 'three readings before alarming',
    };
    expectStatus(
      await h.t.api('PUT', `/api/v1/rules/overrides/asset/${ids.assetId}/gas.ch4_lel`, { body: override }),
      200,
    );
    const [a, b, c] = ramp(ids, [15, 16, 17]);

    const first = await h.replica();
    await first.feed([a, b]);
    expect(await alarmRows(h.t, ids.assetId)).toHaveLength(0);
    await first.close();
    const saved = await h.t.db
      .selectFrom('rule_states')
      .select('state')
      .where('asset_id', '=', ids.assetId)
      .where('rule_id', '=', 'gas.ch4_lel')
      .executeTakeFirstOrThrow();
    expect(saved.state).toMatchObject({ pending: { readings: 2, level: 'general' } });

    const second = await h.replica();
    await second.feed([c]);
    const alarms = await alarmRows(h.t, ids.assetId);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ level: 'general', value: 17 });
    await second.close();
  });

  it('counts evaluations (one per reading × rule) and raised alarms by level', async () => {
    const scrape = async () => (await fetch(`${h.t.baseUrl}/metrics`)).text();
    const before = await scrape();
    const ids = await gasPoint(h.t, 'GAS-MH-METRICS');
    // ch4_lel has one gas rule; c2h6_present and temperature_c have none (they corroborate or compensate).
    await h.feed(ramp(ids, [1, 2, 3, 12, 2], { c2h6_present: 0, temperature_c: 11 }));
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);
    expect(delta('lifeline_alarm_evaluations_total')).toBe(5);
    expect(delta('lifeline_alarms_raised_total', { level: 'general' })).toBe(1);
    expect(delta('lifeline_alarm_persist_latency_seconds_count')).toBe(2);
  });
});
