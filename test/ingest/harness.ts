import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { deviceTopic, type Domain } from '#contracts';
import { InfluxHttp, type InfluxSeries } from '#influx';
import { EmbeddedBroker, type TelemetrySource } from '#mqtt';
import { TELEMETRY_SOURCE } from '../../apps/server/src/broker/broker.tokens.js';
import { createOwnerUnits, expectStatus, ownerUnit, pointAsset } from '../api/fixtures.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestInfluxDb, type TestInfluxDb } from '../support/influx.js';

/** The whole server (api + ingest roles) with its embedded broker on a free port, a fresh database each. */
export interface IngestHarness {
  t: TestApp;
  influx: TestInfluxDb;
  spoolDir: string;
  mqttUrl: string;
  internal: { username: string; password: string };
  /** Registers a gas device on a fresh asset and issues its secret. */
  device(id: string, over?: Record<string, unknown>): Promise<{ id: string; secret: string; domain: Domain }>;
  connect(deviceId: string, secret: string, options?: IClientOptions): Promise<MqttClient>;
  /** A platform client (exempt from the ACL) already subscribed to `filters`, collecting what arrives. */
  listen(filters: string[]): Promise<Listener>;
  query(influxql: string): Promise<InfluxSeries[]>;
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** Shuts the app down (as SIGTERM would) but keeps the databases for assertions. */
  stopApp(): Promise<void>;
  close(): Promise<void>;
}

/** A received message; `body` is parsed JSON (tests assert on it with toMatchObject), or the text. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as test/support/app.ts ApiResponse
export type Received = { topic: string; body: any };

export interface Listener {
  messages: Received[];
  /** Resolves once `count` messages satisfying `match` have arrived. */
  waitFor(count: number, match?: (m: Received) => boolean): Promise<Received[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Points the writer at another InfluxDB (a dead port, a gate) instead of the test server. */
  influxUrl?: string;
  env?: Record<string, string>;
}

export async function startIngest(options: HarnessOptions = {}): Promise<IngestHarness> {
  const influx = await createTestInfluxDb();
  const spoolDir = await mkdtemp(join(tmpdir(), 'lifeline-ingest-spool-'));
  const internal = { username: 'lifeline-platform', password: randomBytes(12).toString('hex') };
  const t = await startTestApp({
    LIFELINE_ROLES: 'api,ingest',
    MQTT_HOST: '127.0.0.1',
    MQTT_PORT: '0',
    MQTT_USERNAME: internal.username,
    MQTT_PASSWORD: internal.password,
    INFLUX_URL: options.influxUrl ?? influx.url,
    INFLUX_DB: influx.database,
    INFLUX_FLUSH_MS: '20',
    SPOOL_DIR: spoolDir,
    ...options.env,
  });
  const source = t.app.get<TelemetrySource>(TELEMETRY_SOURCE);
  if (!(source instanceof EmbeddedBroker)) throw new Error('expected the embedded broker');
  const mqttUrl = `mqtt://127.0.0.1:${source.port()}`;
  const reader = new InfluxHttp({ url: influx.url, database: influx.database, timeoutMs: 10_000 });
  await createOwnerUnits(t, ownerUnit('gas-co', ['gas']));
  const clients: MqttClient[] = [];
  let appStopped: Promise<void> | undefined;
  const stopApp = (): Promise<void> => (appStopped ??= t.app.close());

  const connect = async (
    username: string,
    password: string,
    opts: IClientOptions = {},
  ): Promise<MqttClient> => {
    const client = await mqtt.connectAsync(mqttUrl, {
      username,
      password,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...opts,
    });
    clients.push(client);
    return client;
  };

  return {
    t,
    influx,
    spoolDir,
    mqttUrl,
    internal,
    device: (id, over) => registerDevice(t, id, over),
    connect: (deviceId, secret, opts) => connect(deviceId, secret, { clientId: `${deviceId}-c`, ...opts }),
    listen: async (filters) => {
      const client = await connect(internal.username, internal.password, {
        clientId: `listener-${randomBytes(4).toString('hex')}`,
      });
      const listener = collect(client);
      await client.subscribeAsync(filters, { qos: 1 });
      return listener;
    },
    query: (influxql) => reader.query(influxql),
    metric: async (name, labels = {}) =>
      metricValue(await (await fetch(`${t.baseUrl}/metrics`)).text(), name, labels),
    stopApp,
    close: async () => {
      await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
      reader.close();
      await stopApp();
      await dropDatabaseOf(t);
      await influx.drop();
      await rm(spoolDir, { recursive: true, force: true });
    },
  };
}

/** A gas device with three catalog metrics on an asset of its own, and its freshly issued secret. */
async function registerDevice(
  t: TestApp,
  id: string,
  over: Record<string, unknown> = {},
): Promise<{ id: string; secret: string; domain: Domain }> {
  const assetId = `A-${id}`;
  expectStatus(await t.api('POST', '/api/v1/assets', { body: pointAsset(assetId) }), 201);
  const body = {
    id,
    domain: 'gas',
    assetId,
    metrics: ['ch4_lel', 'c2h6_present', 'temperature_c'],
    reportIntervalS: 60,
    ...over,
  };
  expectStatus(await t.api('POST', '/api/v1/devices', { body }), 201);
  const res = await t.api('POST', `/api/v1/devices/${id}/secret`);
  expectStatus(res, 201);
  return { id, secret: res.body.secret as string, domain: 'gas' };
}

/** TestApp.close() closes the app, then drops its database; here the app is already closed, so only the drop runs. */
async function dropDatabaseOf(t: TestApp): Promise<void> {
  const closeApp = t.app.close.bind(t.app);
  t.app.close = async () => undefined;
  try {
    await t.close();
  } finally {
    t.app.close = closeApp;
  }
}

function collect(client: MqttClient): Listener {
  const messages: Listener['messages'] = [];
  const waiters: Array<() => void> = [];
  client.on('message', (topic, payload) => {
    let body: unknown = payload.toString('utf8');
    try {
      body = JSON.parse(body as string);
    } catch {
      // not JSON: kept as text
    }
    messages.push({ topic, body });
    for (const w of waiters.splice(0)) w();
  });
  const waitFor: Listener['waitFor'] = async (count, match = () => true) => {
    for (;;) {
      const found = messages.filter(match);
      if (found.length >= count) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { messages, waitFor, close: () => client.endAsync(true) };
}

/** Value of one Prometheus sample (0 when absent). */
export function metricValue(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const [series, value] = line.split(/ (?=[^ ]+$)/);
    const seriesName = series.split('{')[0];
    if (seriesName !== name) continue;
    if (wanted.every((w) => series.includes(w))) return Number(value);
  }
  return 0;
}

/** Polls `probe` until it returns a value `ok` accepts (no fixed sleeps: CONTRIBUTING.md "Tests"). */
export async function eventually<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (ok(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}

export const telemetryTopic = (id: string): string => deviceTopic('gas', id, 'telemetry');
export const errorsTopic = (id: string): string => deviceTopic('gas', id, 'errors');
