import { hostname } from 'node:os';
import { EmbeddedBroker, ExternalTelemetrySource, type TelemetrySource } from '#mqtt';
import type { AppConfig } from '../config/app-config.js';
import type { DeviceDirectory } from './device-directory.js';

/** Shared-subscription group every ingest replica joins on an external broker (docs/decisions/0007). */
export const INGEST_SHARE_GROUP = 'lifeline-ingest';

/**
 * MQTT_URL set → subscribe to that broker; otherwise embed aedes on MQTT_HOST:MQTT_PORT. The ingest sees
 * the same `TelemetrySource` either way. MQTT_USERNAME/MQTT_PASSWORD are the platform's own account: used
 * to log in to the external broker, and accepted by the embedded one as an internal client exempt from
 * the device ACL (for operators' tools).
 */
export async function createTelemetrySource(
  config: AppConfig,
  directory: DeviceDirectory,
): Promise<TelemetrySource> {
  const { url, host, port, username, password } = config.mqtt;
  if (url) {
    // Stable per host, so a restarted replica resumes its persistent session (queued messages included).
    const clientId = `lifeline-ingest-${hostname()}`.slice(0, 64);
    return new ExternalTelemetrySource({
      url,
      username,
      password,
      clientId,
      sharedGroup: INGEST_SHARE_GROUP,
    });
  }
  const internal = username && password ? { username, password } : undefined;
  return EmbeddedBroker.create({ host, port, authenticator: directory, internal });
}
