import { deviceTopic, type DeviceErrorMessage } from '#contracts';
import { type MqttClient, connect } from 'mqtt';
import type { DeviceCredentials } from '../device.js';

/**
 * One device's MQTT 3.1.1 session (CONTRACT.md §1): username = client id = device id, password = secret,
 * a retained `{"online":false}` Last Will on its status topic, `{"online":true}` retained on connect,
 * QoS 1 telemetry, and a subscription to its own `errors` topic.
 */
export interface LinkEvents {
  connected(deviceId: string): void;
  /** A QoS 1 telemetry publish was acknowledged (PUBACK). */
  acked(deviceId: string): void;
  publishFailed(deviceId: string, error: Error): void;
  /** The platform rejected something and said why on the device's `errors` topic. */
  rejected(deviceId: string, error: Partial<DeviceErrorMessage>, raw: string): void;
  /** CONNACK refused (4 = bad credentials, 5 = not authorised): no retry, the secret is wrong. */
  refused(deviceId: string, code: number, message: string): void;
}

const ONLINE = '{"online":true}';
const OFFLINE = '{"online":false}';
/** MQTT keep-alive (s); the broker declares the device gone after 1.5× without traffic (MQTT 3.1.1 §3.1.2.10). */
const KEEPALIVE_S = 60;
const RECONNECT_MS = 5_000;
/** Readings held while (re)connecting; a device stores ≥ 500 (DOMAIN.md §a.7), so this is generous. */
const MAX_PENDING = 10_000;
const CLOSE_TIMEOUT_MS = 5_000;

/** Resolves or rejects with `promise`, or rejects after `ms`. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class DeviceLink {
  private client: MqttClient | undefined;
  /** Set once the broker refused the credentials: the device stays down (retrying would not help). */
  private refusedCode: number | undefined;
  /** Telemetry published while not connected, sent after the online status on (re)connect. */
  private pending: string[] = [];
  private readonly telemetryTopic: string;
  private readonly statusTopic: string;
  private readonly errorsTopic: string;

  constructor(
    private readonly device: DeviceCredentials,
    private readonly url: string,
    private readonly events: LinkEvents,
  ) {
    this.telemetryTopic = deviceTopic(device.domain, device.id, 'telemetry');
    this.statusTopic = deviceTopic(device.domain, device.id, 'status');
    this.errorsTopic = deviceTopic(device.domain, device.id, 'errors');
  }

  /** True while a session exists (connected or reconnecting). */
  get isOpen(): boolean {
    return this.client !== undefined;
  }

  get refused(): boolean {
    return this.refusedCode !== undefined;
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  open(): void {
    if (this.client || this.refused) return;
    const id = this.device.id;
    const client = connect(this.url, {
      protocolVersion: 4,
      clientId: id,
      username: id,
      password: this.device.secret,
      clean: true,
      keepalive: KEEPALIVE_S,
      reconnectPeriod: RECONNECT_MS,
      will: { topic: this.statusTopic, payload: OFFLINE, qos: 1, retain: true },
    });
    client.on('connect', () => {
      client.publish(this.statusTopic, ONLINE, { qos: 1, retain: true });
      client.subscribe(this.errorsTopic, { qos: 1 });
      this.events.connected(id);
      // Held readings go out after the online status, so the platform sees the device come back first.
      for (const payload of this.pending.splice(0)) this.send(client, payload);
    });
    client.on('message', (_topic, payload) => this.onError(payload.toString('utf8')));
    client.on('error', (error) => {
      if ('code' in error && typeof error.code === 'number' && error.code > 0) {
        this.refusedCode = error.code;
        this.events.refused(id, error.code, error.message);
        if (this.client === client) this.client = undefined;
        this.failPending('connection refused');
      }
    });
    this.client = client;
  }

  /** QoS 1 publish on the device's telemetry topic; held until connected when the session is (re)connecting. */
  publish(payload: string): void {
    const client = this.client;
    if (!client) {
      this.events.publishFailed(this.device.id, new Error('no session'));
    } else if (client.connected) {
      this.send(client, payload);
    } else if (this.pending.length < MAX_PENDING) {
      this.pending.push(payload);
    } else {
      this.events.publishFailed(this.device.id, new Error('too many readings held while disconnected'));
    }
  }

  private send(client: MqttClient, payload: string): void {
    client.publish(this.telemetryTopic, payload, { qos: 1 }, (error) => {
      if (error) this.events.publishFailed(this.device.id, error);
      else this.events.acked(this.device.id);
    });
  }

  /** Cuts the TCP connection without DISCONNECT, as a device losing power does: the broker sends the Will. */
  drop(): void {
    this.client?.end(true);
    this.client = undefined;
    this.failPending('connection dropped');
  }

  /**
   * Graceful stop: retained offline status, then DISCONNECT (so no Will is needed). A broker that does not
   * answer within `timeoutMs` gets the connection cut instead, so a stop never hangs.
   */
  async close(timeoutMs = CLOSE_TIMEOUT_MS): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.failPending('stopped before the connection came up');
    try {
      if (client.connected) {
        await withTimeout(
          client.publishAsync(this.statusTopic, OFFLINE, { qos: 1, retain: true }),
          timeoutMs,
        );
        await withTimeout(client.endAsync(), timeoutMs);
      }
    } finally {
      // Stops reconnect timers of a session that never came up, or cuts one that did not close in time.
      if (!client.disconnected) client.end(true);
    }
  }

  /** Readings held for a session that will not come up any more are reported as failed, not silently lost. */
  private failPending(reason: string): void {
    for (const _ of this.pending.splice(0)) this.events.publishFailed(this.device.id, new Error(reason));
  }

  private onError(raw: string): void {
    let parsed: Partial<DeviceErrorMessage> = {};
    try {
      const value = JSON.parse(raw) as unknown;
      if (typeof value === 'object' && value !== null) parsed = value;
    } catch {
      // Not JSON: still counted, shown raw.
    }
    this.events.rejected(this.device.id, parsed, raw);
  }
}
