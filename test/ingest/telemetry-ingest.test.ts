import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { MqttClient } from 'mqtt';
import { tokenFor } from '../api/fixtures.js';
import {
  errorsTopic,
  eventually,
  startIngest,
  telemetryTopic,
  type IngestHarness,
  type Listener,
} from './harness.js';

// Each test boots or drives a whole server; the 5 s default is for unit tests.
jest.setTimeout(30_000);

const run = promisify(execFile);

/** CONTRACT.md §1 telemetry, end to end: MQTT over TCP → validation → InfluxDB, errors topic, PostgreSQL. */
describe('telemetry ingest', () => {
  let h: IngestHarness;
  let dev: { id: string; secret: string };
  let client: MqttClient;
  let errors: Listener;
  let seq = 100_000;

  beforeAll(async () => {
    h = await startIngest();
    dev = await h.device('GAS-DEV-T', { ranges: { temperature_c: { min: -20, max: 60 } } });
    errors = await h.listen([errorsTopic(dev.id)]);
    client = await h.connect(dev.id, dev.secret);
  });
  afterAll(async () => {
    await errors.close();
    await h.close();
  });

  const publish = (payload: string | Buffer | object): Promise<unknown> =>
    client.publishAsync(
      telemetryTopic(dev.id),
      typeof payload === 'object' && !Buffer.isBuffer(payload) ? JSON.stringify(payload) : payload,
      { qos: 1 },
    );
  const stored = async (where: string): Promise<number> => {
    const series = await h.query(
      `SELECT count(seq) FROM telemetry WHERE device_id = '${dev.id}' AND ${where}`,
    );
    return Number(series[0]?.values[0]?.[1] ?? 0);
  };

  it('stores a good reading in InfluxDB with its tags and quality, and records the device’s health', async () => {
    const ts = Date.now() - 1000;
    await publish({
      ts,
      seq: 1,
      metrics: { ch4_lel: 3.2, temperature_c: 11.5 },
      battery_pct: 86,
      rssi_dbm: -78,
    });
    const series = await h.query(
      `SELECT ch4_lel, temperature_c, seq, quality, battery_pct, rssi_dbm, asset_id, district FROM telemetry WHERE device_id = '${dev.id}'`,
    );
    expect(series[0].values).toEqual([[ts, 3.2, 11.5, 1, 'good', 86, -78, `A-${dev.id}`, '康巴什区']]);
    const row = await eventually(
      () =>
        h.t.db
          .selectFrom('devices')
          .select(['last_seen_at', 'battery_pct', 'rssi_dbm'])
          .where('id', '=', dev.id)
          .executeTakeFirstOrThrow(),
      (r) => r.last_seen_at !== null,
      'last_seen_at to be written',
    );
    expect(row).toMatchObject({ battery_pct: 86, rssi_dbm: -78 });
  });

  it('stores 997 of a 1000-sample backlog as backfill and reports the 3 bad samples with their seqs', async () => {
    const base = Date.now() - 3_600_000;
    const bad: Record<number, object> = { 17: { ch4_lel: 101 }, 500: { ch4_lel: 'high' }, 998: { nope: 1 } };
    const samples = Array.from({ length: 1000 }, (_, i) => ({
      ts: base + i * 1000,
      seq: 1000 + i,
      metrics: bad[i] ?? { ch4_lel: i % 100 },
    }));
    await publish({ samples });
    expect(await stored(`seq >= 1000 AND seq < 2000 AND quality = 'backfill'`)).toBe(997);
    const reported = await errors.waitFor(3, (m) => m.body.seq >= 1000 && m.body.seq < 2000);
    expect(reported.map((m): unknown[] => [m.body.code, m.body.seq])).toEqual([
      ['out_of_range', 1017],
      ['non_finite_value', 1500],
      ['unknown_metric', 1998],
    ]);
    expect(reported[0].body).toMatchObject({
      topic: telemetryTopic(dev.id),
      message: 'metric "ch4_lel" value 101 is outside the physical range 0–100 %LEL',
    });
  });

  const now = () => Date.now();
  const cases: Array<[code: string, payload: () => string | Buffer | object]> = [
    ['malformed_json', () => '{"ts": 1, "seq": '],
    ['payload_too_large', () => Buffer.alloc(64 * 1024 + 100, 0x20)],
    ['invalid_document', () => '[1, 2, 3]'],
    [
      'too_many_samples',
      () => ({
        samples: Array.from({ length: 1001 }, (_, i) => ({ ts: now(), seq: i, metrics: { ch4_lel: 1 } })),
      }),
    ],
    ['invalid_seq', () => ({ ts: now(), seq: -1, metrics: { ch4_lel: 1 } })],
    ['invalid_timestamp', () => ({ ts: 'yesterday', seq: ++seq, metrics: { ch4_lel: 1 } })],
    ['unknown_metric', () => ({ ts: now(), seq: ++seq, metrics: { ch4_lel: 1, level_m: 2 } })],
    ['undeclared_metric', () => ({ ts: now(), seq: ++seq, metrics: { ch4_lel: 1, pressure_mpa: 0.3 } })],
    ['non_finite_value', () => ({ ts: now(), seq: ++seq, metrics: { ch4_lel: null } })],
    ['non_finite_value', () => ({ ts: now(), seq: ++seq, metrics: { ch4_lel: '3.2' } })],
    ['out_of_range', () => ({ ts: now(), seq: ++seq, metrics: { temperature_c: 70 } })],
    ['timestamp_in_future', () => ({ ts: now() + 600_000, seq: ++seq, metrics: { ch4_lel: 1 } })],
    ['timestamp_too_old', () => ({ ts: now() - 40 * 86_400_000, seq: ++seq, metrics: { ch4_lel: 1 } })],
  ];

  it.each(cases)('reports %s on the device’s errors topic', async (code, payload) => {
    const before = errors.messages.filter((m) => m.body.code === code).length;
    await publish(payload());
    const [reported] = (await errors.waitFor(before + 1, (m) => m.body.code === code)).slice(before);
    expect(reported.body).toMatchObject({
      code,
      topic: telemetryTopic(dev.id),
      message: expect.any(String),
      ts: expect.any(Number),
    });
  });

  it('drops a duplicate seq, reports it, and stores the sample once', async () => {
    const sample = { ts: Date.now() - 50, seq: ++seq, metrics: { ch4_lel: 7 } };
    await publish(sample);
    await publish(sample);
    const [dup] = await errors.waitFor(
      1,
      (m) => m.body.code === 'duplicate_seq' && m.body.seq === sample.seq,
    );
    expect(dup.body.message).toContain('already received');
    expect(await stored(`seq = ${sample.seq}`)).toBe(1);
  });

  it('lists counts and recent rejections, newest first, to the roles allowed to see them', async () => {
    const res = await eventually(
      () => h.t.api('GET', `/api/v1/devices/${dev.id}/rejections?limit=5`),
      (r) => r.body.counts?.duplicate_seq >= 1 && r.body.counts?.timestamp_too_old >= 1,
      'the rejection list to catch up',
    );
    expect(res.body.counts).toMatchObject({
      out_of_range: 2,
      non_finite_value: 3,
      malformed_json: 1,
      payload_too_large: 1,
      unknown_metric: 2,
    });
    expect(res.body.recent).toHaveLength(5);
    expect(res.body.recent[0]).toMatchObject({ code: 'duplicate_seq', seq, topic: telemetryTopic(dev.id) });
    const monitor = await tokenFor(h.t, 'monitor');
    expect((await h.t.api('GET', `/api/v1/devices/${dev.id}/rejections`, { token: monitor })).status).toBe(
      200,
    );
    await h.t.api('POST', '/api/v1/owner-units', {
      body: { id: 'water-co', name: 'water', domains: ['water'] },
    });
    const otherUtility = await tokenFor(h.t, 'utility', 'water-co');
    expect(
      (await h.t.api('GET', `/api/v1/devices/${dev.id}/rejections`, { token: otherUtility })).status,
    ).toBe(404);
    const ownUtility = await tokenFor(h.t, 'utility', 'gas-co');
    expect((await h.t.api('GET', `/api/v1/devices/${dev.id}/rejections`, { token: ownUtility })).status).toBe(
      200,
    );
    expect((await h.t.api('GET', `/api/v1/devices/${dev.id}/rejections?limit=0`)).status).toBe(400);
  });

  it('counts messages, readings and rejections in /metrics', async () => {
    expect(await h.metric('lifeline_ingest_messages_total', { kind: 'telemetry' })).toBeGreaterThan(15);
    expect(await h.metric('lifeline_ingest_readings_total', { result: 'accepted' })).toBeGreaterThanOrEqual(
      999,
    );
    expect(await h.metric('lifeline_ingest_readings_total', { result: 'duplicate' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      await h.metric('lifeline_ingest_rejections_total', { reason: 'out_of_range' }),
    ).toBeGreaterThanOrEqual(2);
    expect(await h.metric('lifeline_influx_lines_total', { outcome: 'written' })).toBeGreaterThanOrEqual(999);
    expect(await h.metric('lifeline_mqtt_clients_connected')).toBeGreaterThanOrEqual(2);
  });

  it('stores a reading sent with mosquitto_pub -V mqttv311 and the device’s credentials', async () => {
    const d = await h.device('GAS-DEV-CLI');
    const { port } = new URL(h.mqttUrl);
    const payload = JSON.stringify({
      ts: new Date(Date.now() - 2000).toISOString(),
      seq: 1,
      metrics: { ch4_lel: 12.5 },
    });
    await run('mosquitto_pub', [
      '-V',
      'mqttv311',
      '-h',
      '127.0.0.1',
      '-p',
      port,
      '-i',
      'cli-1',
      '-u',
      d.id,
      '-P',
      d.secret,
      '-q',
      '1',
      '-t',
      telemetryTopic(d.id),
      '-m',
      payload,
    ]);
    // mosquitto_pub exits after the PUBACK, which is sent once the line is durable: no waiting needed.
    const series = await h.query(`SELECT ch4_lel FROM telemetry WHERE device_id = '${d.id}'`);
    expect(series[0].values.map((v) => v[1])).toEqual([12.5]);
  });

  it('keeps serving after malformed input of every kind', async () => {
    for (const payload of [
      Buffer.from([0xff, 0xfe, 0x00]),
      '',
      'null',
      '{"samples": [null, 1, "x"]}',
      '{"metrics": {"__proto__": {"a": 1}}, "seq": 1, "ts": 1}',
    ]) {
      await publish(payload);
    }
    const ts = Date.now() - 100;
    await publish({ ts, seq: ++seq, metrics: { ch4_lel: 2 } });
    expect(await stored(`seq = ${seq}`)).toBe(1);
  });
});
