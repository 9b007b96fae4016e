import { jest } from '@jest/globals';
import { connect as tcpConnect } from 'node:net';
import mqtt from 'mqtt';
import { errorsTopic, eventually, startIngest, telemetryTopic, type IngestHarness } from './harness.js';

// Each test boots or drives a whole server; the 5 s default is for unit tests.
jest.setTimeout(30_000);

/** CONTRACT.md §1 device authentication and ACL, over real TCP against the embedded broker. */
describe('embedded broker: authentication and ACL', () => {
  let h: IngestHarness;
  let a: { id: string; secret: string };
  let b: { id: string; secret: string };

  beforeAll(async () => {
    h = await startIngest();
    a = await h.device('GAS-DEV-A');
    b = await h.device('GAS-DEV-B');
  });
  afterAll(() => h.close());

  const connackCode = async (username: string, password: string): Promise<number | undefined> => {
    try {
      const c = await mqtt.connectAsync(h.mqttUrl, {
        username,
        password,
        protocolVersion: 4,
        reconnectPeriod: 0,
        connectTimeout: 5000,
      });
      await c.endAsync();
      return 0;
    } catch (err) {
      return (err as { code?: number }).code;
    }
  };

  it('lets a device in with its secret', async () => {
    expect(await connackCode(a.id, a.secret)).toBe(0);
  });

  it.each([
    ['a wrong secret', 4, 'GAS-DEV-A', 'not-the-secret'],
    ['an unknown device', 4, 'GAS-DEV-NOPE', 'whatever'],
    ['an empty password', 4, 'GAS-DEV-A', ''],
  ])('refuses %s with CONNACK %i', async (_name, code, user, pass) => {
    const before = await h.metric('lifeline_mqtt_refusals_total', { reason: 'bad_credentials' });
    expect(await connackCode(user, pass)).toBe(code);
    expect(await h.metric('lifeline_mqtt_refusals_total', { reason: 'bad_credentials' })).toBe(before + 1);
  });

  it('refuses a disabled device with CONNACK 5 (not authorised) and records it', async () => {
    const d = await h.device('GAS-DEV-OFF');
    expect((await h.t.api('PATCH', `/api/v1/devices/${d.id}`, { body: { enabled: false } })).status).toBe(
      200,
    );
    await eventually(
      () => connackCode(d.id, d.secret),
      (code) => code === 5,
      'CONNACK 5 for the disabled device',
    );
    await eventually(
      () => h.t.api('GET', `/api/v1/devices/${d.id}/rejections`),
      (res) => res.body.counts?.device_disabled >= 1,
      'device_disabled in the rejection counts',
    );
  });

  it('acknowledges but drops a publish on another device’s topic, tells the device why and counts it', async () => {
    const listener = await h.listen([telemetryTopic(b.id), errorsTopic(a.id)]);
    const client = await h.connect(a.id, a.secret);
    const before = await h.metric('lifeline_mqtt_refusals_total', { reason: 'publish_not_allowed' });
    const reading = JSON.stringify({ ts: Date.now(), seq: 1, metrics: { ch4_lel: 1 } });
    await client.publishAsync(telemetryTopic(b.id), reading, { qos: 1 });
    const [error] = await listener.waitFor(1, (m) => m.topic === errorsTopic(a.id));
    expect(error.body).toMatchObject({ code: 'topic_not_allowed', topic: telemetryTopic(b.id) });
    expect(await h.metric('lifeline_mqtt_refusals_total', { reason: 'publish_not_allowed' })).toBe(
      before + 1,
    );
    // Still connected (MQTT-3.3.5-2 positive-ack-and-discard), and nothing reached B's topic or InfluxDB.
    expect(client.connected).toBe(true);
    expect(listener.messages.filter((m) => m.topic === telemetryTopic(b.id))).toHaveLength(0);
    expect(await h.query(`SELECT count(ch4_lel) FROM telemetry WHERE device_id = '${b.id}'`)).toEqual([]);
    await listener.close();
  });

  it('refuses a subscription to another device’s errors with SUBACK 0x80 and counts it', async () => {
    const client = await h.connect(a.id, a.secret);
    const before = await h.metric('lifeline_mqtt_refusals_total', { reason: 'subscribe_not_allowed' });
    // mqtt.js turns a SUBACK with a 0x80 return code into an error that carries the packet.
    const suback = await client
      .subscribeAsync([errorsTopic(b.id), errorsTopic(a.id), 'lifeline/v1/+/+/errors'], { qos: 1 })
      .then(
        () => null,
        (err: { packet?: { granted: number[] } }) => err.packet,
      );
    expect(suback?.granted).toEqual([128, 1, 128]);
    expect(await h.metric('lifeline_mqtt_refusals_total', { reason: 'subscribe_not_allowed' })).toBe(
      before + 2,
    );
    await eventually(
      () => h.t.api('GET', `/api/v1/devices/${a.id}/rejections`),
      (r) => r.body.counts?.topic_not_allowed >= 3,
      'topic_not_allowed counted for device A',
    );
  });

  it('closes the connection on a packet over the broker’s hard size limit, before reading its body', async () => {
    const client = await h.connect(a.id, a.secret);
    const before = await h.metric('lifeline_mqtt_refusals_total', { reason: 'packet_too_large' });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(telemetryTopic(a.id), Buffer.alloc(200 * 1024, 0x20), { qos: 1 });
    await closed;
    expect(await h.metric('lifeline_mqtt_refusals_total', { reason: 'packet_too_large' })).toBe(before + 1);
  });

  it('survives garbage on the wire', async () => {
    const socket = tcpConnect(Number(new URL(h.mqttUrl).port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x13, 0x37]));
    await closed;
    expect(await connackCode(a.id, a.secret)).toBe(0);
  });
});
