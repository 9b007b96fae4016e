import { type IConnectPacket, type IPublishPacket, type Packet, parser } from 'mqtt-packet';
import { metricNames } from '#domain';
import { prepareDevice } from '../device.js';
import { PayloadTemplate } from './payload-template.js';
import { PublishEncoder, connectPacket, remainingLengthBytes, statusPacket } from './wire.js';

function decode(buf: Buffer): Packet[] {
  const p = parser({ protocolVersion: 4 });
  const out: Packet[] = [];
  p.on('packet', (packet: Packet) => out.push(packet));
  p.on('error', (e: Error) => {
    throw e;
  });
  p.parse(buf);
  return out;
}

const device = prepareDevice(
  {
    id: 'GAS-DEV-0008',
    domain: 'gas',
    assetId: 'GAS-MH-0003',
    metrics: ['ch4_lel', 'c2h6_present', 'temperature_c'],
    reportIntervalS: 900,
    secret: 'pa55',
  },
  1,
);

describe('load generator wire format (MQTT 3.1.1)', () => {
  it('hand-built QoS 1 PUBLISH frames decode to the same topic, packet id and payload', () => {
    const enc = new PublishEncoder('lifeline/v1/gas/GAS-DEV-0008/telemetry');
    for (const size of [10, 120, 16_000, 70_000]) {
      const payload = 'x'.repeat(size);
      const [packet] = decode(enc.encode(65_535, payload)) as IPublishPacket[];
      expect(packet).toMatchObject({
        cmd: 'publish',
        qos: 1,
        retain: false,
        topic: 'lifeline/v1/gas/GAS-DEV-0008/telemetry',
        messageId: 65_535,
      });
      expect(packet.payload.toString()).toBe(payload);
    }
  });

  it('sizes Remaining Length per MQTT 3.1.1 §2.2.3', () => {
    expect([0, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152].map(remainingLengthBytes)).toEqual([
      1, 1, 2, 2, 3, 3, 4,
    ]);
    expect(() => remainingLengthBytes(268_435_456)).toThrow(RangeError);
  });

  it('authenticates as the device and leaves a retained offline Last Will (CONTRACT.md §1)', () => {
    const [connect] = decode(connectPacket(device)) as IConnectPacket[];
    expect(connect).toMatchObject({
      cmd: 'connect',
      protocolVersion: 4,
      clientId: 'GAS-DEV-0008',
      username: 'GAS-DEV-0008',
      clean: true,
    });
    expect(connect.password?.toString()).toBe('pa55');
    expect(connect.will).toMatchObject({
      topic: 'lifeline/v1/gas/GAS-DEV-0008/status',
      qos: 1,
      retain: true,
    });
    expect(connect.will?.payload.toString()).toBe('{"online":false}');
    const [status] = decode(statusPacket(device, true, 7)) as IPublishPacket[];
    expect(status).toMatchObject({ retain: true, qos: 1, messageId: 7 });
    expect(status.payload.toString()).toBe('{"online":true}');
  });

  it('renders templated payloads that are valid CONTRACT.md §1 documents', () => {
    const t = new PayloadTemplate(device, 1, Date.UTC(2026, 0, 5), 1000);
    const doc = JSON.parse(t.render(1_767_571_200_000, 42)) as {
      ts: number;
      seq: number;
      metrics: Record<string, number>;
      battery_pct: number;
      rssi_dbm: number;
    };
    expect(doc.ts).toBe(1_767_571_200_000);
    expect(doc.seq).toBe(42);
    expect(Object.keys(doc.metrics).every((m) => metricNames('gas').includes(m))).toBe(true);
    expect(doc.battery_pct).toBeGreaterThan(0);
    expect(doc.rssi_dbm).toBeLessThan(0);
  });
});
