import { createServer, type Server, type Socket } from 'node:net';
import { Aedes, type Client, type PublishPacket } from 'aedes';
import { MAX_TELEMETRY_BYTES } from '#contracts';
import { brokerHooks, remoteOf } from './broker-hooks.js';
import type { BrokerPrincipal } from './device-acl.js';
import { OrderedAcks } from './ordered-acks.js';
import { capPacketSize } from './packet-size-guard.js';
import type {
  BrokerRefusal,
  DeviceAuthenticator,
  MessageHandler,
  TelemetrySource,
} from './telemetry-source.js';

export interface EmbeddedBrokerOptions {
  host: string;
  /** 0 picks a free port (tests); read it back with `port()`. */
  port: number;
  authenticator: DeviceAuthenticator;
  /** Credentials of the platform's own clients, exempt from the device ACL. */
  internal?: { username: string; password: string };
  /**
   * Hard cap on any packet, checked on its fixed header: the 64 KiB telemetry limit plus headroom, so a
   * payload just over the limit is still read and answered with `payload_too_large` on the errors topic.
   */
  maxPacketBytes?: number;
  /**
   * How long a subscriber's full socket may stall a delivery before it is disconnected. aedes' 60 s
   * default lets one frozen device hold delivery slots for a minute (BENCHMARKS.md); devices only receive
   * small errors/config messages, so a few seconds is plenty.
   */
  drainTimeoutMs?: number;
  /** Deliveries in flight inside aedes' emitter; above the default 100 so stalled devices can't starve others. */
  concurrency?: number;
  /** `$SYS` heartbeat period; expired Last Wills of dead brokers are swept every 4 heartbeats. */
  heartbeatIntervalMs?: number;
  /** TCP keep-alive probe delay, to notice a device that vanished with keepalive 0 (no MQTT PINGREQ). */
  tcpKeepAliveMs?: number;
}

const DEFAULTS = {
  maxPacketBytes: 2 * MAX_TELEMETRY_BYTES,
  drainTimeoutMs: 5000,
  concurrency: 1000,
  heartbeatIntervalMs: 30_000,
  tcpKeepAliveMs: 60_000,
};

/**
 * aedes embedded in the process (the default broker, ARCHITECTURE.md). Device messages are handed to the
 * ingest from the `authorizePublish` hook, which aedes runs *before* it writes the PUBACK: aedes 1.x sends
 * a QoS 1 PUBACK before in-process `broker.subscribe` callbacks run (lib/handlers/publish.js), so only
 * holding the authorisation until the write is durable delays the acknowledgement. See
 * docs/decisions/0007-broker-embedded-or-external.md.
 */
export class EmbeddedBroker implements TelemetrySource {
  readonly mode = 'embedded';
  private readonly acks = new WeakMap<Client, OrderedAcks>();
  /** Open connections per device: a device may hold more than one, and is offline only when all are gone. */
  private readonly connections = new Map<string, number>();
  private readonly presenceListeners: Array<(deviceId: string, online: boolean) => void> = [];
  private readonly refusalListeners: Array<(refusal: BrokerRefusal) => void> = [];
  private readonly server: Server;
  private handler: MessageHandler | null = null;
  private intakeOpen = true;
  private listening = false;

  private constructor(
    private readonly broker: Aedes,
    private readonly principals: WeakMap<Client, BrokerPrincipal>,
    private readonly options: EmbeddedBrokerOptions & typeof DEFAULTS,
  ) {
    this.server = createServer((socket) => this.accept(socket));
    broker.on('client', (client) => this.presence(client, +1));
    broker.on('clientDisconnect', (client) => this.presence(client, -1));
  }

  /** Creates the broker; it accepts connections once `start()` is called. */
  static async create(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
    const opts = { ...DEFAULTS, ...options };
    const principals = new WeakMap<Client, BrokerPrincipal>();
    // The hooks call back into the instance, which exists before the first connection can arrive.
    const ref: { self?: EmbeddedBroker } = {};
    const hooks = brokerHooks({
      authenticator: opts.authenticator,
      internal: opts.internal,
      principals,
      refuse: (refusal) => ref.self?.emitRefusal(refusal),
      deliver: (client, packet, callback) =>
        ref.self ? ref.self.deliver(client, packet, callback) : callback(null),
    });
    const broker = await Aedes.createBroker({
      ...hooks,
      drainTimeout: opts.drainTimeoutMs,
      concurrency: opts.concurrency,
      heartbeatInterval: opts.heartbeatIntervalMs,
      // Client ids are prefixed with the device id (broker-hooks.ts), so allow more than 3.1's 23 characters.
      maxClientsIdLength: 256,
    });
    ref.self = new EmbeddedBroker(broker, principals, opts);
    return ref.self;
  }

  onMessage(handler: MessageHandler): void {
    this.handler = handler;
  }

  onPresence(listener: (deviceId: string, online: boolean) => void): void {
    this.presenceListeners.push(listener);
  }

  onRefusal(listener: (refusal: BrokerRefusal) => void): void {
    this.refusalListeners.push(listener);
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.listening = true;
  }

  /** The TCP port actually bound (useful with port 0). */
  port(): number {
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('the broker is not listening');
    return address.port;
  }

  publish(topic: string, payload: string | Buffer, qos: 0 | 1): void {
    if (this.broker.closed) return;
    const packet = {
      cmd: 'publish',
      topic,
      payload: Buffer.from(payload),
      qos,
      retain: false,
      dup: false,
    } as PublishPacket;
    // Delivery to a device is best effort: a failure here is the device's connection, not the ingest's.
    this.broker.publish(packet, () => undefined);
  }

  async stopIntake(): Promise<void> {
    this.intakeOpen = false;
    if (!this.listening) return;
    this.listening = false;
    // Stops new connections only; existing ones stay until close() so their pending PUBACKs still go out.
    // (server.close's callback would wait for every connection to end, so it is not awaited here.)
    this.server.close();
  }

  isReady(): boolean {
    return this.listening && !this.broker.closed;
  }

  connectedClients(): number {
    return this.broker.connectedClients ?? 0;
  }

  async close(): Promise<void> {
    await this.stopIntake();
    await new Promise<void>((resolve) => this.broker.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    socket.setKeepAlive(true, this.options.tcpKeepAliveMs);
    socket.setNoDelay(true);
    const client = this.broker.handle(socket);
    capPacketSize(client, this.options.maxPacketBytes, (length, cmd) => {
      const principal = this.principals.get(client);
      const device =
        principal?.kind === 'device' ? { deviceId: principal.deviceId, domain: principal.domain } : {};
      const detail = `${cmd} packet of ${length} bytes exceeds the ${this.options.maxPacketBytes}-byte limit; connection closed`;
      this.emitRefusal({
        reason: 'packet_too_large',
        ...device,
        clientId: client.id ?? undefined,
        remote: remoteOf(client),
        detail,
      });
    });
  }

  /** From `authorizePublish`: the PUBACK (and routing) waits for `callback`, released in arrival order. */
  private deliver(client: Client, packet: PublishPacket, callback: (err?: Error | null) => void): void {
    if (!this.handler) return callback(null);
    // While shutting down, refuse rather than accept what may not be stored: the connection drops without
    // a PUBACK and the device sends the message again after the restart.
    if (!this.intakeOpen) return callback(new Error('broker is shutting down'));
    let acks = this.acks.get(client);
    if (!acks) this.acks.set(client, (acks = new OrderedAcks()));
    const done = acks.next(callback);
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    try {
      this.handler(packet.topic, payload, done);
    } catch (err) {
      done(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private presence(client: Client, delta: 1 | -1): void {
    const principal = this.principals.get(client);
    if (principal?.kind !== 'device') return;
    const before = this.connections.get(principal.deviceId) ?? 0;
    const after = Math.max(0, before + delta);
    if (after === 0) this.connections.delete(principal.deviceId);
    else this.connections.set(principal.deviceId, after);
    if ((before === 0) === (after === 0)) return;
    for (const listener of this.presenceListeners) guarded(() => listener(principal.deviceId, after > 0));
  }

  private emitRefusal(refusal: BrokerRefusal): void {
    for (const listener of this.refusalListeners) guarded(() => listener(refusal));
  }
}

/** A listener's bug must not unwind into aedes' connection handling, which would drop unrelated clients. */
function guarded(call: () => void): void {
  try {
    call();
  } catch (err) {
    process.emitWarning(`broker listener failed: ${String(err)}`);
  }
}
