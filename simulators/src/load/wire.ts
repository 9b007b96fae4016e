import { deviceTopic } from '#contracts';
import { generate } from 'mqtt-packet';
import type { DeviceCredentials } from '../device.js';

/**
 * MQTT 3.1.1 packets for the load generator. CONNECT, status and DISCONNECT are rendered once per device
 * with mqtt-packet; telemetry PUBLISH frames are assembled by hand around a pre-encoded topic so the hot
 * loop costs one buffer allocation and one string write per message.
 */
export const KEEPALIVE_S = 120;
const OFFLINE = '{"online":false}';
const ONLINE = '{"online":true}';

export function connectPacket(device: DeviceCredentials): Buffer {
  return generate({
    cmd: 'connect',
    protocolId: 'MQTT',
    protocolVersion: 4,
    clientId: device.id,
    username: device.id,
    password: Buffer.from(device.secret, 'utf8'),
    clean: true,
    keepalive: KEEPALIVE_S,
    will: {
      topic: deviceTopic(device.domain, device.id, 'status'),
      payload: Buffer.from(OFFLINE),
      qos: 1,
      retain: true,
    },
  });
}

export function statusPacket(device: DeviceCredentials, online: boolean, messageId: number): Buffer {
  return generate({
    cmd: 'publish',
    topic: deviceTopic(device.domain, device.id, 'status'),
    payload: Buffer.from(online ? ONLINE : OFFLINE),
    qos: 1,
    retain: true,
    dup: false,
    messageId,
  });
}

export const DISCONNECT: Buffer = generate({ cmd: 'disconnect' });
export const PINGREQ: Buffer = generate({ cmd: 'pingreq' });

/** Bytes of an MQTT Remaining Length (MQTT 3.1.1 §2.2.3: 7 bits per byte, at most 4 bytes). */
export function remainingLengthBytes(n: number): number {
  if (n < 128) return 1;
  if (n < 16_384) return 2;
  if (n < 2_097_152) return 3;
  if (n < 268_435_456) return 4;
  throw new RangeError(`MQTT packet too large: ${n} bytes`);
}

/** QoS 1 PUBLISH frames for one topic (MQTT 3.1.1 §3.3): 0x32, Remaining Length, topic, packet id, payload. */
export class PublishEncoder {
  private readonly topicPart: Buffer;

  constructor(topic: string) {
    const topicBytes = Buffer.from(topic, 'utf8');
    this.topicPart = Buffer.allocUnsafe(2 + topicBytes.length);
    this.topicPart.writeUInt16BE(topicBytes.length, 0);
    topicBytes.copy(this.topicPart, 2);
  }

  encode(messageId: number, payload: string): Buffer {
    const payloadLength = Buffer.byteLength(payload, 'utf8');
    const remaining = this.topicPart.length + 2 + payloadLength;
    const header = 1 + remainingLengthBytes(remaining);
    const buf = Buffer.allocUnsafe(header + remaining);
    buf[0] = 0x32;
    let n = remaining;
    let o = 1;
    do {
      let byte = n % 128;
      n = Math.floor(n / 128);
      if (n > 0) byte |= 0x80;
      buf[o++] = byte;
    } while (n > 0);
    this.topicPart.copy(buf, o);
    o += this.topicPart.length;
    buf.writeUInt16BE(messageId, o);
    buf.write(payload, o + 2, 'utf8');
    return buf;
  }
}
