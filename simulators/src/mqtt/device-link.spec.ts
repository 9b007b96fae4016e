import { type AddressInfo, createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import type { DeviceCredentials } from '../device.js';
import { DeviceLink, type LinkEvents } from './device-link.js';

/**
 * The device session against a real MQTT broker (aedes, in process, on loopback): credentials, retained
 * status, the Last Will on an abrupt drop, QoS 1 acks and the errors topic (CONTRACT.md §1).
 */
const DEVICE: DeviceCredentials = {
  id: 'GAS-DEV-0008',
  domain: 'gas',
  assetId: 'GAS-MH-0003',
  metrics: ['ch4_lel'],
  reportIntervalS: 900,
  secret: 'right-secret',
};
const STATUS = 'lifeline/v1/gas/GAS-DEV-0008/status';

interface Seen {
  topic: string;
  payload: string;
  retain: boolean;
  byClient: boolean;
}

let broker: Aedes;
let server: Server;
let url: string;
const seen: Seen[] = [];
const subscribed: string[] = [];
const waiters: (() => void)[] = [];
const notify = (): void => waiters.splice(0).forEach((w) => w());

/** Resolves once `predicate` holds, re-checked after every broker publish and link event. */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise<void>((resolve) => waiters.push(resolve));
}

function recorder(): LinkEvents & { log: string[] } {
  const log: string[] = [];
  const push = (line: string): void => {
    log.push(line);
    notify();
  };
  return {
    log,
    connected: () => push('connected'),
    acked: () => push('acked'),
    publishFailed: (_id, e) => push(`failed ${e.message}`),
    rejected: (_id, error) => push(`rejected ${error.code}`),
    refused: (_id, code) => push(`refused ${code}`),
  };
}

beforeAll(async () => {
  broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const ok = username === client.id && password?.toString() === DEVICE.secret;
      done(ok ? null : Object.assign(new Error('bad credentials'), { returnCode: 4 as const }), ok);
    },
  });
  broker.on('publish', (packet, client) => {
    if (packet.topic.startsWith('$SYS')) return;
    seen.push({
      topic: packet.topic,
      payload: packet.payload.toString(),
      retain: packet.retain,
      byClient: client !== null,
    });
    notify();
  });
  broker.on('subscribe', (subs) => {
    subscribed.push(...subs.map((sub) => sub.topic));
    notify();
  });
  server = createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('device link', () => {
  it('connects as the device, announces itself online (retained) and gets PUBACKs', async () => {
    const events = recorder();
    const link = new DeviceLink(DEVICE, url, events);
    link.open();
    await until(() => seen.some((s) => s.topic === STATUS && s.payload === '{"online":true}'));
    expect(seen.find((s) => s.topic === STATUS)?.retain).toBe(true);
    link.publish('{"ts":1,"seq":0,"metrics":{"ch4_lel":1.2}}');
    await until(() => events.log.includes('acked'));
    expect(seen.some((s) => s.topic.endsWith('/telemetry'))).toBe(true);
    await link.close();
  });

  it('counts what the platform says on its errors topic', async () => {
    const events = recorder();
    const link = new DeviceLink(DEVICE, url, events);
    const errorsTopic = 'lifeline/v1/gas/GAS-DEV-0008/errors';
    const subscriptions = (): number => subscribed.filter((t) => t === errorsTopic).length;
    const before = subscriptions();
    link.open();
    await until(() => subscriptions() > before);
    const error = {
      ts: 1,
      code: 'out_of_range',
      message: 'ch4_lel 250 is outside 0–100 %LEL',
      topic: 't',
      seq: 3,
    };
    broker.publish(
      {
        cmd: 'publish',
        topic: 'lifeline/v1/gas/GAS-DEV-0008/errors',
        payload: Buffer.from(JSON.stringify(error)),
        qos: 1,
        retain: false,
        dup: false,
      },
      () => undefined,
    );
    await until(() => events.log.includes('rejected out_of_range'));
    await link.close();
  });

  it('leaves the Last Will to the broker when the connection is cut without DISCONNECT', async () => {
    const events = recorder();
    const link = new DeviceLink(DEVICE, url, events);
    link.open();
    await until(() => events.log.includes('connected'));
    const before = seen.length;
    link.drop();
    await until(() => seen.slice(before).some((s) => s.topic === STATUS && s.payload === '{"online":false}'));
    expect(link.isOpen).toBe(false);
  });

  it('publishes the retained offline status itself on a graceful close', async () => {
    const events = recorder();
    const link = new DeviceLink(DEVICE, url, events);
    const onlineSoFar = (): number =>
      seen.filter((s) => s.topic === STATUS && s.payload === '{"online":true}').length;
    const online = onlineSoFar();
    link.open();
    await until(() => onlineSoFar() > online);
    const before = seen.length;
    await link.close();
    const offline = seen.slice(before).find((s) => s.topic === STATUS);
    expect(offline).toMatchObject({ payload: '{"online":false}', retain: true });
  });

  it('reports a refused CONNACK for a wrong secret and does not retry', async () => {
    const events = recorder();
    const link = new DeviceLink({ ...DEVICE, secret: 'wrong' }, url, events);
    link.open();
    await until(() => events.log.some((l) => l.startsWith('refused')));
    expect(events.log).toEqual(['refused 4']);
    expect(link.isOpen).toBe(false);
    expect(link.refused).toBe(true);
    link.open(); // no second attempt with a secret the broker already refused
    expect(link.isOpen).toBe(false);
  });
});
