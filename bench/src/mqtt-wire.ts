import mqttPacket from 'mqtt-packet';

/**
 * What the bench's generator adds to the simulators' wire helpers (simulators/src/load/wire.ts, whose
 * PublishEncoder frames the telemetry): a CONNECT without Last Will or keep-alive, and a packet splitter.
 * A full client library per sensor would cost the generator more CPU than the service it measures, so
 * incoming packets are only split and their type read (§2.2): CONNACK and PUBACK are all a sensor gets.
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
    // 0 = no keep-alive (§3.1.2.10): pauses between workload phases must not cost pings. No Last Will
    // either: 10k wills published at teardown would land in the next phase's measurements.
    keepalive: 0,
    clientId,
    username,
    password: Buffer.from(password, 'utf8'),
  });
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
