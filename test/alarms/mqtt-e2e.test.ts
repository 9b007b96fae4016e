import type { MqttClient } from 'mqtt';
import { eventually, startIngest, telemetryTopic, type IngestHarness } from '../ingest/harness.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { openStream } from './sse-reader.js';

let h: IngestHarness;
let client: MqttClient | undefined;

beforeAll(async () => {
  h = await startIngest({ env: { LIFELINE_ROLES: 'api,ingest,dispatcher' } });
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await client?.endAsync(true);
  await h?.close();
}, BOOT_TIMEOUT_MS);

describe('end to end over MQTT: a gas leak ramp from a device', () => {
  it('raises one alarm, escalates it to major, and streams both to the console in order', async () => {
    const device = await h.device('GAS-E2E-1');
    const assetId = 'A-GAS-E2E-1';
    const stream = await openStream(h.t.baseUrl, { token: h.t.adminToken });
    client = await h.connect(device.id, device.secret);
    // 2 → 60 %LEL with ethane present: natural gas, not sewer biogas (DOMAIN.md §a.1).
    const values = [2, 4, 8, 12, 18, 26, 35, 48, 60];
    const start = Date.now() - values.length * 60_000;
    for (const [i, ch4] of values.entries()) {
      const payload = { ts: start + i * 60_000, seq: i + 1, metrics: { ch4_lel: ch4, c2h6_present: 1 } };
      await client.publishAsync(telemetryTopic(device.id), JSON.stringify(payload), { qos: 1 });
    }

    const alarms = await eventually(
      () => h.t.db.selectFrom('alarms').selectAll().where('asset_id', '=', assetId).execute(),
      (rows) => rows.length === 1 && rows[0].level === 'major',
      'the alarm to reach major',
    );
    expect(alarms[0]).toMatchObject({ rule_id: 'gas.ch4_lel', device_id: device.id, state: 'dispatched' });
    const got = await stream.waitFor(
      3,
      (m) => m.data.data?.assetId === assetId && m.event.startsWith('alarm.'),
    );
    expect(got.map((m) => m.event)).toEqual(['alarm.raised', 'alarm.escalated', 'alarm.dispatched']);
    expect(got.map((m) => Number(m.id))).toEqual([...got.map((m) => Number(m.id))].sort((a, b) => a - b));
    expect(got[0].data.data).toMatchObject({ level: 'larger', deviceId: device.id, value: 12 });
    expect(got[1].data.data).toMatchObject({ level: 'major', value: 26 });
    stream.close();

    const latency = await h.metric('lifeline_alarm_persist_latency_seconds_count');
    expect(latency).toBeGreaterThanOrEqual(2);
  });
});
