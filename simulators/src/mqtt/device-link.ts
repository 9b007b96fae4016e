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

export class DeviceLink {
  private client: MqttClient | undefined;
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

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  open(): void {
    if (this.client) return;
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
    });
    client.on('message', (_topic, payload) => this.onError(payload.toString('utf8')));
    client.on('error', (error) => {
      if ('code' in error && typeof error.code === 'number' && error.code > 0) {
        this.events.refused(id, error.code, error.message);
        this.client = undefined;
      }
    });
    this.client = client;
  }

  /** QoS 1 publish on the device's telemetry topic; queued by mqtt.js while reconnecting. */
  publish(payload: string): void {
    const id = this.device.id;
    if (!this.client) {
      this.events.publishFailed(id, new Error('no session'));
      return;
    }
    this.client.publish(this.telemetryTopic, payload, { qos: 1 }, (error) => {
      if (error) this.events.publishFailed(id, error);
      else this.events.acked(id);
    });
  }

  /** Cuts the TCP connection without DISCONNECT, as a device losing power does: the broker sends the Will. */
  drop(): void {
    this.client?.end(true);
    this.client = undefined;
  }

  /** Graceful stop: retained offline status, then DISCONNECT (so no Will is needed). */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    if (!client.connected) {
      await client.endAsync(true);
      return;
    }
    await client.publishAsync(this.statusTopic, OFFLINE, { qos: 1, retain: true });
    await client.endAsync();
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
