import type { Domain } from '#contracts';

/**
 * Called once per device message. `done()` means "durable, acknowledge it": the QoS 1 PUBACK reaches the
 * publisher only then. `done(err)` means "not stored": no PUBACK is sent and the connection is dropped,
 * so the publisher (or, for an external broker, the broker's session) delivers the message again.
 */
export type MessageHandler = (topic: string, payload: Buffer, done: (err?: Error | null) => void) => void;

/** Why the broker refused something; the `reason` label of `lifeline_mqtt_refusals_total`. */
export const REFUSAL_REASONS = [
  'bad_credentials',
  'device_disabled',
  'auth_unavailable',
  'publish_not_allowed',
  'subscribe_not_allowed',
  'packet_too_large',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface BrokerRefusal {
  reason: RefusalReason;
  /** The device, when it authenticated (ACL refusals) or at least named a known device. */
  deviceId?: string;
  domain?: Domain;
  /** Topic or topic filter that was refused. */
  topic?: string;
  clientId?: string;
  /** Remote address, for the log. */
  remote?: string;
  detail: string;
}

/**
 * Where the ingest gets device messages from, whatever the broker: the embedded aedes (hooks inside the
 * broker) or an external one (an mqtt.js subscriber). See docs/decisions/0007-broker-embedded-or-external.md.
 */
export interface TelemetrySource {
  readonly mode: 'embedded' | 'external';
  /** Registers the single handler for device messages on telemetry, status and event topics. */
  onMessage(handler: MessageHandler): void;
  /** Device connections coming and going (embedded only; an external broker reports presence by LWT). */
  onPresence(listener: (deviceId: string, online: boolean) => void): void;
  /** Refusals by authentication and ACL (embedded only; an external broker counts its own). */
  onRefusal(listener: (refusal: BrokerRefusal) => void): void;
  /** Starts accepting messages (embedded: listens on its port; external: connects and subscribes). */
  start(): Promise<void>;
  /** Publishes platform → device (the `errors` topic); fire and forget, QoS as given. */
  publish(topic: string, payload: string | Buffer, qos: 0 | 1): void;
  /** Stops taking new connections/messages; messages in flight still complete and are acknowledged. */
  stopIntake(): Promise<void>;
  /** True while the broker (or the connection to it) can carry messages. */
  isReady(): boolean;
  /** Devices connected now (embedded), or undefined when the broker is external. */
  connectedClients(): number | undefined;
  close(): Promise<void>;
}

/** The result of checking a device's credentials against the registry. */
export type AuthResult =
  | { ok: true; deviceId: string; domain: Domain }
  | { ok: false; reason: 'bad_credentials' | 'device_disabled'; domain?: Domain };

/** Port the embedded broker authenticates devices through (implemented by the device directory). */
export interface DeviceAuthenticator {
  authenticate(deviceId: string, secret: string): Promise<AuthResult>;
}
