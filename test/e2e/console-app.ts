import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBroker, type TelemetrySource } from '#mqtt';
import { TELEMETRY_SOURCE } from '../../apps/server/src/broker/broker.tokens.js';
import { ApiClient } from '../../seeds/src/loader/api-client.js';
import { credentialsFor } from '../../seeds/src/loader/credentials.js';
import { DEFAULT_PLAN, loadRegistry } from '../../seeds/src/loader/load-registry.js';
import { sampleCity } from '../../seeds/src/sample-city.js';
import { parseCredentials, type CredentialsFile } from '../../simulators/src/credentials.js';
import { tokenFor } from '../api/fixtures.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestInfluxDb, type TestInfluxDb } from '../support/influx.js';

/** The whole service (ingest with its embedded broker, api, dispatcher) with the sample city loaded. */
export interface ConsoleApp {
  t: TestApp;
  mqttUrl: string;
  /** The simulators' view of the city's devices and their secrets (what `seed load` writes). */
  credentials: CredentialsFile;
  /** A monitoring-room token and the actor the API records for it. */
  monitor: { token: string; actor: string };
  close(): Promise<void>;
}

/**
 * Boots every role against fresh PostgreSQL and InfluxDB databases, loads the Kangbashi sample city
 * through the API exactly as `seed load` does, and issues a monitor token for the browser.
 */
export async function startConsoleApp(): Promise<ConsoleApp> {
  const influx: TestInfluxDb = await createTestInfluxDb();
  const spoolDir = await mkdtemp(join(tmpdir(), 'lifeline-console-spool-'));
  let t: TestApp | undefined;
  try {
    t = await startTestApp({
      LIFELINE_ROLES: 'api,ingest,dispatcher',
      MQTT_HOST: '127.0.0.1',
      MQTT_PORT: '0',
      MQTT_USERNAME: 'lifeline-platform',
      MQTT_PASSWORD: randomBytes(12).toString('hex'),
      INFLUX_URL: influx.url,
      INFLUX_DB: influx.database,
      INFLUX_FLUSH_MS: '20',
      SPOOL_DIR: spoolDir,
    });
    const source = t.app.get<TelemetrySource>(TELEMETRY_SOURCE);
    if (!(source instanceof EmbeddedBroker)) throw new Error('expected the embedded broker');
    const mqttUrl = `mqtt://127.0.0.1:${source.port()}`;
    const city = sampleCity();
    const client = new ApiClient({ baseUrl: t.baseUrl, token: t.adminToken });
    const secrets = await loadRegistry(client, city, DEFAULT_PLAN, () => undefined);
    const credentials = parseCredentials(
      JSON.stringify(credentialsFor(city, secrets, mqttUrl, new Date())),
      'sample city',
    );
    const token = await tokenFor(t, 'monitor');
    const me = await t.api('GET', '/api/v1/me', { token });
    const app = t;
    return {
      t,
      mqttUrl,
      credentials,
      monitor: { token, actor: me.body.actor as string },
      close: async () => {
        await app.close();
        await influx.drop();
        await rm(spoolDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await t?.close();
    await influx.drop();
    await rm(spoolDir, { recursive: true, force: true });
    throw error;
  }
}
