import mqttPacket from 'mqtt-packet';

/**
 * The few MQTT 3.1.1 packets the load generator speaks, on raw sockets: a full client library per sensor
 * would cost the generator more CPU than the service it measures. CONNECT goes through mqtt-packet
 * (written once per connection); PUBLISH is encoded by hand into one buffer (§3.3); incoming packets are
 * only split and their type read (§2.2), since CONNACK and PUBACK are all a device receives here.
 */

export const CONNACK = 2;
export const PUBLISH = 3;
export const PUBACK = 4;
export const PINGRESP = 13;

export function connectPacket(clientId: string, username: string, password: string): Buffer {
  return mqttPacket.generate({
    cmd: 'connect',
    protocolId: 'MQTT',
    protocolVersion: 4,
    clean: true,
    // 0 = no keep-alive (§3.1.2.10): the generator publishes every second; an idle pause must not cost pings.
    keepalive: 0,
    clientId,
    username,
    password: Buffer.from(password, 'utf8'),
  });
}

/** Topic name as written in a PUBLISH: 2-byte length + UTF-8 (§1.5.3). Precomputed once per device. */
export function encodeTopic(topic: string): Buffer {
  const bytes = Buffer.from(topic, 'utf8');
  const out = Buffer.allocUnsafe(2 + bytes.length);
  out.writeUInt16BE(bytes.length, 0);
  bytes.copy(out, 2);
  return out;
}

/** Bytes of the Remaining Length varint (§2.2.3). */
function varintLength(n: number): number {
  return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4;
}

/** A QoS 1 PUBLISH (fixed header 0x32, no DUP, no RETAIN), packet id `messageId` (1–65535). */
export function publishQos1(topic: Buffer, messageId: number, payload: string): Buffer {
  const payloadBytes = Buffer.byteLength(payload, 'utf8');
  const remaining = topic.length + 2 + payloadBytes;
  const out = Buffer.allocUnsafe(1 + varintLength(remaining) + remaining);
  out[0] = 0x32;
  let o = 1;
  let n = remaining;
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out[o++] = byte;
  } while (n > 0);
  topic.copy(out, o);
  o += topic.length;
  out.writeUInt16BE(messageId, o);
  o += 2;
  out.write(payload, o, 'utf8');
  return out;
}

/** One packet read off the wire: its type and its body (variable header + payload). */
export interface WirePacket {
  type: number;
  body: Buffer;
}

/**
 * Splits a byte stream into MQTT packets, whatever the TCP segmentation: a packet may arrive in pieces and
 * a chunk may hold many packets. Keeps at most one partial packet between calls.
 */
export class PacketReader {
  private pending: Buffer | null = null;

  /** Feeds a chunk; calls `onPacket` for every complete packet, in order. Throws on a malformed length. */
  push(chunk: Buffer, onPacket: (type: number, body: Buffer) => void): void {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let o = 0;
    while (o < buf.length) {
      const header = readHeader(buf, o);
      if (header === null || o + header.headerBytes + header.remaining > buf.length) break;
      const start = o + header.headerBytes;
      onPacket(buf[o] >> 4, buf.subarray(start, start + header.remaining));
      o = start + header.remaining;
    }
    if (o < buf.length) {
      buf = buf.subarray(o);
      this.pending = Buffer.from(buf);
    }
  }
}

/** Remaining Length and header size at `o`, or null when the header itself is not complete yet. */
function readHeader(buf: Buffer, o: number): { remaining: number; headerBytes: number } | null {
  let remaining = 0;
  let mult = 1;
  for (let i = 1; i <= 4; i++) {
    if (o + i >= buf.length) return null;
    const byte = buf[o + i];
    remaining += (byte & 0x7f) * mult;
    if ((byte & 0x80) === 0) return { remaining, headerBytes: 1 + i };
    mult *= 128;
  }
  throw new Error('malformed MQTT Remaining Length (more than 4 bytes)');
}
