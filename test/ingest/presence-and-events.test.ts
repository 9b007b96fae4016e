import { jest } from '@jest/globals';
import { deviceTopic } from '#contracts';
import {
  DeviceEventsBus,
  PresenceBus,
  type DeviceEventRecord,
  type PresenceSignal,
} from '../../apps/server/src/ingest/readings-bus.js';
import { errorsTopic, eventually, startIngest, type IngestHarness } from './harness.js';

// Each test boots or drives a whole server; the 5 s default is for unit tests.
jest.setTimeout(30_000);

const statusTopic = (id: string): string => deviceTopic('gas', id, 'status');
const eventTopic = (id: string): string => deviceTopic('gas', id, 'event');

/** Presence (connections, status, Last Will) and device events, over real TCP MQTT and PostgreSQL. */
describe('presence and device events', () => {
  let h: IngestHarness;
  const presence: PresenceSignal[] = [];
  const events: DeviceEventRecord[] = [];

  beforeAll(async () => {
    h = await startIngest();
    h.t.app.get(PresenceBus).subscribe((p) => presence.push(p));
    h.t.app.get(DeviceEventsBus).subscribe((e) => events.push(e));
  });
  afterAll(() => h.close());

  const online = (id: string) =>
    h.t.db.selectFrom('devices').select('online').where('id', '=', id).executeTakeFirstOrThrow();

  it('marks a device online on connect and offline through its Last Will', async () => {
    const d = await h.device('GAS-DEV-LWT');
    const will = {
      topic: statusTopic(d.id),
      payload: Buffer.from('{"online":false}'),
      qos: 1 as const,
      retain: true,
    };
    const client = await h.connect(d.id, d.secret, { will });
    await client.publishAsync(statusTopic(d.id), '{"online":true}', { qos: 1, retain: true });
    await eventually(
      () => online(d.id),
      (r) => r.online,
      'online = true',
    );
    // Vanish without DISCONNECT: the broker publishes the Will (MQTT-3.1.2-8).
    client.stream.destroy();
    await eventually(
      () => online(d.id),
      (r) => !r.online,
      'online = false after the Last Will',
    );
    expect(presence.filter((p) => p.deviceId === d.id).map((p) => [p.source, p.online])).toEqual(
      expect.arrayContaining([
        ['connection', true],
        ['status', true],
        ['status', false],
        ['connection', false],
      ]),
    );
    // The Will was retained, so whoever subscribes next learns the device is offline.
    const listener = await h.listen([statusTopic(d.id)]);
    const [retained] = await listener.waitFor(1);
    expect(retained.body).toEqual({ online: false });
    await listener.close();
  });

  it('rejects a malformed status message', async () => {
    const d = await h.device('GAS-DEV-STATUS');
    const errors = await h.listen([errorsTopic(d.id)]);
    const client = await h.connect(d.id, d.secret);
    await client.publishAsync(statusTopic(d.id), '{"online":"maybe"}', { qos: 1 });
    const [error] = await errors.waitFor(1);
    expect(error.body).toMatchObject({ code: 'invalid_document', topic: statusTopic(d.id) });
    await errors.close();
  });

  it('stores a device event once, acknowledges it after the insert, and publishes it on the bus', async () => {
    const d = await h.device('GAS-DEV-EVT');
    const client = await h.connect(d.id, d.secret);
    const ts = Date.now() - 1000;
    const event = JSON.stringify({ ts, type: 'immersion', detail: { depth_cm: 4 } });
    // publishAsync resolves on the PUBACK, which waits for the row to be committed.
    await client.publishAsync(eventTopic(d.id), event, { qos: 1 });
    await client.publishAsync(eventTopic(d.id), event, { qos: 1 });
    const rows = await h.t.db.selectFrom('device_events').selectAll().where('device_id', '=', d.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'immersion',
      asset_id: `A-${d.id}`,
      domain: 'gas',
      detail: { depth_cm: 4 },
    });
    expect(rows[0].occurred_at.getTime()).toBe(ts);
    expect(events.filter((e) => e.deviceId === d.id)).toEqual([
      expect.objectContaining({
        type: 'immersion',
        known: true,
        occurredAt: ts,
        district: '康巴什区',
        detail: { depth_cm: 4 },
      }),
    ]);
  });

  it('rejects an event without a type', async () => {
    const d = await h.device('GAS-DEV-EVT2');
    const errors = await h.listen([errorsTopic(d.id)]);
    const client = await h.connect(d.id, d.secret);
    await client.publishAsync(eventTopic(d.id), JSON.stringify({ ts: Date.now() }), { qos: 1 });
    const [error] = await errors.waitFor(1);
    expect(error.body).toMatchObject({ code: 'invalid_document', topic: eventTopic(d.id) });
    await errors.close();
  });
});
