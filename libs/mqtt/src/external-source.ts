import mqtt, { type MqttClient } from 'mqtt';
import { allDevicesTopic, type DeviceTopicKind } from '#contracts';
import { deferPubacks, type DeferredPubacks } from './deferred-puback.js';
import type { BrokerRefusal, MessageHandler, TelemetrySource } from './telemetry-source.js';

export interface ExternalSourceOptions {
  /** `mqtt://host:1883` or `mqtts://…` (MQTT_URL). */
  url: string;
  username?: string;
  password?: string;
  /**
   * Stable per replica (`lifeline-ingest-<n>`): with a persistent session the broker keeps this replica's
   * unacknowledged and queued messages across its restarts.
   */
  clientId: string;
  /**
   * Shared-subscription group: replicas in one group split the devices' messages between them
   * (`$share/{group}/{filter}`, MQTT 5 §4.8.2; Mosquitto ≥ 1.6 and EMQX accept it from 3.1.1 clients too).
   * null subscribes to the plain filter, for a single replica or a broker without shared subscriptions.
   */
  sharedGroup: string | null;
  kinds?: readonly DeviceTopicKind[];
  reconnectPeriodMs?: number;
}

const INGEST_KINDS: readonly DeviceTopicKind[] = ['telemetry', 'status', 'event'];

/**
 * The ingest's view of an external broker (MQTT_URL): an mqtt.js subscriber with a persistent session
 * (clean = false) at QoS 1, acknowledging each message only once it is durable (deferred-puback.ts).
 * Device authentication and ACL are the external broker's job (docs/decisions/0007).
 */
export class ExternalTelemetrySource implements TelemetrySource {
  readonly mode = 'external';
  private readonly client: MqttClient;
  private readonly deferred: DeferredPubacks;
  private handler: MessageHandler | null = null;
  private readonly filters: string[];
  private subscribed = false;
  private onSubscribed: (() => void) | null = null;

  constructor(private readonly options: ExternalSourceOptions) {
    const kinds = options.kinds ?? INGEST_KINDS;
    this.filters = kinds.map((k) =>
      options.sharedGroup ? `$share/${options.sharedGroup}/${allDevicesTopic(k)}` : allDevicesTopic(k),
    );
    this.client = mqtt.connect(options.url, {
      clientId: options.clientId,
      clean: false,
      protocolVersion: 4,
      username: options.username,
      password: options.password,
      reconnectPeriod: options.reconnectPeriodMs ?? 1000,
      // Subscriptions are re-made on every CONNACK below; mqtt.js' own resubscribe is for clean sessions.
      resubscribe: false,
      manualConnect: true,
    });
    this.deferred = deferPubacks(this.client, (packet, done) =>
      this.dispatch(packet.topic, packet.payload, done),
    );
    this.client.on('connect', () => this.subscribe());
    this.client.on('close', () => (this.subscribed = false));
    // mqtt.js reconnects by itself; without a listener an 'error' event would be thrown.
    this.client.on('error', () => undefined);
  }

  onMessage(handler: MessageHandler): void {
    this.handler = handler;
  }

  onPresence(): void {
    // An external broker reports presence only through the retained status topic and Last Will.
  }

  onRefusal(_listener: (refusal: BrokerRefusal) => void): void {
    // Refusals happen inside the external broker and are counted there.
  }

  /** Connects and subscribes; rejects if that has not happened within `timeoutMs` (mqtt.js keeps retrying). */
  async start(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      this.onSubscribed = resolve;
      timer = setTimeout(
        () => reject(new Error(`no subscription at ${redact(this.options.url)} after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    this.client.connect();
    try {
      await ready;
    } finally {
      clearTimeout(timer);
      this.onSubscribed = null;
    }
  }

  publish(topic: string, payload: string | Buffer, qos: 0 | 1): void {
    this.client.publish(topic, payload, { qos }, () => undefined);
  }

  async stopIntake(): Promise<void> {
    // The subscription stays in the persistent session, so the broker queues what arrives while we are
    // down; messages received from now on are left unacknowledged for redelivery.
    this.deferred.hold();
  }

  isReady(): boolean {
    return this.client.connected && this.subscribed;
  }

  connectedClients(): undefined {
    return undefined;
  }

  async close(): Promise<void> {
    await this.stopIntake();
    await this.client.endAsync();
  }

  private subscribe(): void {
    this.client.subscribe(this.filters, { qos: 1 }, (err, granted) => {
      // A refused subscription (SUBACK 0x80: no permission on the broker) would leave the ingest deaf:
      // drop the connection and try again on the next reconnect.
      if (err || !granted || granted.some((g) => g.qos === 128)) return this.client.stream?.destroy();
      this.subscribed = true;
      this.onSubscribed?.();
    });
  }

  private dispatch(topic: string, payload: Buffer | string, done: (err?: Error | null) => void): void {
    if (!this.handler) return done(new Error('no message handler registered yet'));
    try {
      this.handler(topic, Buffer.isBuffer(payload) ? payload : Buffer.from(payload), done);
    } catch (err) {
      done(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
