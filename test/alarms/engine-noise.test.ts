import { expectStatus, lineAsset } from '../api/fixtures.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import {
  alarmRows,
  gasPoint,
  gasReading,
  platformEvents,
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

describe('alarm engine: noise control and corroboration (PEERS.md §5.C items 11, 13)', () => {
  it('flags a chattering alarm and auto-shelves it once, with a notice', async () => {
    const ids = await gasPoint(h.t, 'GAS-MH-CHATTER');
    const t0 = Date.now() - 5 * 60_000;
    const values = [12, 4, 12, 4, 12, 4, 12];
    await h.feed(values.map((v, i) => gasReading(ids, { ch4_lel: v }, t0 + i * 8_000)));

    const [alarm] = await alarmRows(h.t, ids.assetId);
    expect(alarm).toMatchObject({ chattering: true, state: 'raised' });
    const history = await h.t.db
      .selectFrom('alarm_events')
      .selectAll()
      .where('alarm_id', '=', alarm.id)
      .orderBy('sequence')
      .execute();
    const shelves = history.filter((e) => e.type === 'alarm.shelved');
    expect(shelves).toHaveLength(1);
    expect(shelves[0]).toMatchObject({ actor: 'rule-engine', role: 'system' });
    expect(shelves[0].reason).toContain('chattering');
    const view = await h.t.api('GET', `/api/v1/alarms/${alarm.id}`);
    expect(view.body).toMatchObject({ chattering: true, shelved: true });
  });

  it('corroborates an acoustic leak with a neighbouring logger (water: orange at once)', async () => {
    expectStatus(
      await h.t.api('POST', '/api/v1/assets', {
        body: lineAsset('WAT-MAIN-1', { domain: 'water', kind: 'pipeline_segment', ownerUnitId: 'water-co' }),
      }),
      201,
    );
    const loggers = ['WAT-LOG-1', 'WAT-LOG-2'];
    for (const id of loggers) {
      const asset = lineAsset(id, {
        domain: 'water',
        kind: 'valve',
        ownerUnitId: 'water-co',
        parentId: 'WAT-MAIN-1',
      });
      expectStatus(await h.t.api('POST', '/api/v1/assets', { body: asset }), 201);
      const device = {
        id: `${id}-D`,
        domain: 'water',
        assetId: id,
        metrics: ['leak_noise_db'],
        reportIntervalS: 86400,
      };
      expectStatus(await h.t.api('POST', '/api/v1/devices', { body: device }), 201);
    }
    const night = Date.now() - 60 * 60_000;
    const reading = (id: string, ts: number) => ({
      ...gasReading({ assetId: id, deviceId: `${id}-D` }, { leak_noise_db: 46 }, ts),
      domain: 'water' as const,
    });
    await h.feed([reading('WAT-LOG-1', night)]);
    await h.feed([reading('WAT-LOG-2', night + 10 * 60_000)]);

    const [first] = await alarmRows(h.t, 'WAT-LOG-1');
    const [second] = await alarmRows(h.t, 'WAT-LOG-2');
    expect(first).toMatchObject({
      rule_id: 'water.leak_noise_db',
      level: 'general',
      owner_unit_id: 'water-co',
    });
    expect(second).toMatchObject({ rule_id: 'water.leak_noise_db', level: 'larger' });
  });

  it('groups a flood on one subtree into one incident (opened, then updated)', async () => {
    expectStatus(await h.t.api('POST', '/api/v1/assets', { body: lineAsset('GAS-FLOOD-MAIN') }), 201);
    const points = [];
    for (let i = 0; i < 12; i++)
      points.push(await gasPoint(h.t, `GAS-FLOOD-${i}`, { parentId: 'GAS-FLOOD-MAIN' }));
    for (const ids of points.slice(0, 11))
      await h.feed([gasReading(ids, { ch4_lel: 12 }, Date.now() - 1000)]);

    const incidents = await h.t.db.selectFrom('incidents').selectAll().execute();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ root_asset_id: 'GAS-FLOOD-MAIN', alarm_count: 11, closed_at: null });
    await h.feed([gasReading(points[11], { ch4_lel: 30 }, Date.now() - 1000)]);
    const [updated] = await h.t.db.selectFrom('incidents').selectAll().execute();
    expect(updated).toMatchObject({ alarm_count: 12, level: 'larger' });
    const events = await platformEvents(h.t, ['incident.opened', 'incident.updated']);
    expect(typesOf(events)).toEqual(['incident.opened', 'incident.updated']);
    const linked = await h.t.db
      .selectFrom('alarms')
      .select('id')
      .where('incident_id', '=', updated.id)
      .execute();
    expect(linked).toHaveLength(12);
  });
});
