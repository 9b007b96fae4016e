import { type Socket, connect as tcpConnect } from 'node:net';
import { deviceTopic } from '#contracts';
import { type Packet, parser as mqttParser } from 'mqtt-packet';
import type { SimDevice } from '../device.js';
import type { PayloadTemplate } from './payload-template.js';
import { DISCONNECT, PINGREQ, PublishEncoder, connectPacket, statusPacket } from './wire.js';

/**
 * One device's raw MQTT connection for the load generator: pre-rendered CONNECT, QoS 1 telemetry with
 * PUBACK counting, and the range of seqs it sent (for the zero-loss check against InfluxDB).
 */
export class LoadConnection {
  sent = 0;
  acked = 0;
  /** Messages that fell due while the connection was down (never sent: a gap in the seq range). */
  skipped = 0;
  firstSeq = -1;
  lastSeq = -1;
  error: string | undefined;
  private socket: Socket | undefined;
  private up = false;
  private nextId = 1;
  /** Packet ids of status publishes, whose PUBACKs are not telemetry acks. */
  private readonly controlIds = new Set<number>();
  private lastWrite = 0;
  private readonly encoder: PublishEncoder;

  constructor(
    readonly device: SimDevice,
    private readonly template: PayloadTemplate,
  ) {
    this.encoder = new PublishEncoder(deviceTopic(device.domain, device.id, 'telemetry'));
  }

  get isUp(): boolean {
    return this.up;
  }

  get buffered(): number {
    return this.socket?.writableLength ?? 0;
  }

  /** Connects and waits for CONNACK 0; announces `{"online":true}` (retained) like a real device. */
  open(host: string, port: number, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const socket = tcpConnect({ host, port, noDelay: true });
      const parser = mqttParser({ protocolVersion: 4 });
      const fail = (message: string): void => {
        this.error ??= message;
        this.up = false;
        socket.destroy();
        reject(new Error(`${this.device.id}: ${message}`));
      };
      const timer = setTimeout(() => fail('CONNACK timeout'), timeoutMs);
      parser.on('packet', (packet: Packet) => {
        if (packet.cmd === 'puback') this.onPuback(packet.messageId ?? 0);
        else if (packet.cmd === 'connack') {
          clearTimeout(timer);
          if (packet.returnCode !== 0) return fail(`connection refused (${packet.returnCode})`);
          this.up = true;
          this.writeStatus(true);
          resolve();
        }
      });
      parser.on('error', (e: Error) => fail(`protocol error: ${e.message}`));
      socket.on('data', (chunk: Buffer) => parser.parse(chunk));
      socket.on('error', (e: Error) => fail(e.message));
      socket.on('close', () => {
        clearTimeout(timer);
        this.up = false;
      });
      socket.write(connectPacket(this.device));
      this.socket = socket;
    });
  }

  /** Sends one telemetry message; false when the connection is down (the message is not counted). */
  send(ts: number, seq: number): boolean {
    if (!this.up) {
      this.skipped++;
      return false;
    }
    this.socket?.write(this.encoder.encode(this.messageId(), this.template.render(ts, seq)));
    this.lastWrite = ts;
    if (this.firstSeq < 0) this.firstSeq = seq;
    this.lastSeq = seq;
    this.sent++;
    return true;
  }

  /** PINGREQ when idle for half the keep-alive (MQTT 3.1.1 §3.1.2.10). */
  keepAlive(now: number, idleMs: number): void {
    if (this.up && now - this.lastWrite >= idleMs) this.write(PINGREQ);
  }

  /** Retained offline status, DISCONNECT, FIN. */
  close(): void {
    if (this.up) {
      this.writeStatus(false);
      this.write(DISCONNECT);
    }
    this.up = false;
    this.socket?.end();
  }

  private onPuback(id: number): void {
    if (!this.controlIds.delete(id)) this.acked++;
  }

  private writeStatus(online: boolean): void {
    const id = this.messageId();
    this.controlIds.add(id);
    this.write(statusPacket(this.device, online, id));
  }

  private write(buf: Buffer): void {
    this.socket?.write(buf);
    this.lastWrite = Date.now();
  }

  /** Packet ids 1…65535, wrapping (0 is not allowed for QoS > 0, MQTT 3.1.1 §2.3.1). */
  private messageId(): number {
    const id = this.nextId;
    this.nextId = id === 65_535 ? 1 : id + 1;
    return id;
  }
}
