import { jest } from '@jest/globals';
import mqtt, { type MqttClient } from 'mqtt';
import { deviceTopic } from '#contracts';
import { EmbeddedBroker, ExternalTelemetrySource, type AuthResult, type DeviceAuthenticator } from '#mqtt';

jest.setTimeout(30_000);

/**
 * The external-broker path (MQTT_URL): an mqtt.js subscriber with a persistent session that acknowledges
 * a message only when the ingest says it is durable. The broker here is aedes (as an external broker it
 * only routes: no ingest handler is attached to it); it has no shared subscriptions, so the group is off.
 */
const DEVICE = 'GAS-DEV-X';
const SECRET = 'device-secret';
const INTERNAL = { username: 'lifeline-platform', password: 'platform-secret' };
const topic = deviceTopic('gas', DEVICE, 'telemetry');

/** The registry, reduced to one device: the broker's authentication port, not what is under test here. */
const oneDevice: DeviceAuthenticator = {
  authenticate: async (id, secret): Promise<AuthResult> =>
    id === DEVICE && secret === SECRET
      ? { ok: true, deviceId: id, domain: 'gas' }
      : { ok: false, reason: 'bad_credentials' },
};

interface Delivery {
  payload: string;
  done: (err?: Error | null) => void;
}

describe('ExternalTelemetrySource', () => {
  let broker: EmbeddedBroker;
  let url: string;
  let device: MqttClient;
  const sources: ExternalTelemetrySource[] = [];

  beforeAll(async () => {
    broker = await EmbeddedBroker.create({
      host: '127.0.0.1',
      port: 0,
      authenticator: oneDevice,
      internal: INTERNAL,
    });
    await broker.start();
    url = `mqtt://127.0.0.1:${broker.port()}`;
    device = await mqtt.connectAsync(url, {
      username: DEVICE,
      password: SECRET,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
  });
  afterAll(async () => {
    await device.endAsync();
    for (const s of sources) await s.close().catch(() => undefined);
    await broker.close();
  });

  /** A replica of the ingest with a fixed client id, collecting deliveries without completing them. */
  async function replica(): Promise<{
    source: ExternalTelemetrySource;
    deliveries: Delivery[];
    next(n: number): Promise<Delivery[]>;
  }> {
    const source = new ExternalTelemetrySource({
      url,
      ...INTERNAL,
      clientId: 'lifeline-ingest-0',
      sharedGroup: null,
      reconnectPeriodMs: 100,
    });
    sources.push(source);
    const deliveries: Delivery[] = [];
    const waiters: Array<() => void> = [];
    source.onMessage((_topic, payload, done) => {
      deliveries.push({ payload: payload.toString(), done });
      for (const w of waiters.splice(0)) w();
    });
    await source.start();
    const next = async (n: number): Promise<Delivery[]> => {
      while (deliveries.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return deliveries.slice(0, n);
    };
    return { source, deliveries, next };
  }

  it('acknowledges in arrival order only what is durable; the broker redelivers the rest', async () => {
    const first = await replica();
    for (const m of ['a', 'b', 'c']) await device.publishAsync(topic, m, { qos: 1 });
    const [a, b, c] = await first.next(3);
    // b and c are durable, a is not: a's PUBACK must go first (MQTT-4.6.0-2), so none is sent.
    b.done();
    c.done();
    await first.source.close();

    const second = await replica();
    const again = await second.next(3);
    expect(again.map((d) => d.payload)).toEqual(['a', 'b', 'c']);
    expect(a.payload).toBe('a');
    for (const d of again) d.done();
    await second.source.close();

    // Everything was acknowledged: a new session start gets only what is published from now on.
    const third = await replica();
    await device.publishAsync(topic, 'd', { qos: 1 });
    const [only] = await third.next(1);
    expect(only.payload).toBe('d');
    only.done();
    await third.source.close();
  });

  it('drops the connection when a message could not be stored, and gets it again', async () => {
    const r = await replica();
    await device.publishAsync(topic, 'e', { qos: 1 });
    const [e] = await r.next(1);
    e.done(new Error('spool failed: disk full'));
    const [, redelivered] = await r.next(2);
    expect(redelivered.payload).toBe('e');
    redelivered.done();
    // Subscribed again after the reconnect (the redelivery may come before the SUBACK).
    while (!r.source.isReady()) await new Promise((resolve) => setTimeout(resolve, 20));
    await r.source.close();
  });

  it('processes messages concurrently: later ones arrive while earlier ones are not yet durable', async () => {
    const r = await replica();
    for (let i = 0; i < 50; i++) device.publish(topic, `m${i}`, { qos: 1 });
    // None is completed, yet all 50 are delivered: mqtt.js' read loop is not held by the pending acks.
    const all = await r.next(50);
    expect(all.map((d) => d.payload)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`));
    for (const d of all) d.done();
    await r.source.close();
  });
});
