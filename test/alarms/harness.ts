import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { StoredReading } from '#influx';
import { AlarmEngine } from '../../apps/server/src/alarms/engine/alarm-engine.js';
import { Clock } from '../../apps/server/src/alarms/core/clock.js';
import { AlarmJobs } from '../../apps/server/src/alarms/schedule/alarm-jobs.js';
import { startApp } from '../../apps/server/src/app.factory.js';
import { loadConfig } from '../../apps/server/src/config/load-config.js';
import { ReadingsBus } from '../../apps/server/src/ingest/readings-bus.js';
import { createOwnerUnits, expectStatus, ownerUnit, pointAsset } from '../api/fixtures.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestInfluxDb, type TestInfluxDb } from '../support/influx.js';

/** A process with the engine (ingest role): its bus, engine, clock and — with the dispatcher role — jobs. */
export interface EngineProcess {
  app: NestExpressApplication;
  /** Publishes readings as the ingest would, then waits until the engine has committed what they caused. */
  feed: (readings: StoredReading[]) => Promise<void>;
  engine: AlarmEngine;
  clock: Clock;
}

export interface Replica {
  app: NestExpressApplication;
  /** Only with the ingest role. */
  feed: (readings: StoredReading[]) => Promise<void>;
  close(): Promise<void>;
}

export interface AlarmHarness extends EngineProcess {
  t: TestApp;
  jobs: AlarmJobs;
  /** Another process on the same database (ingest role: a second engine replica; or e.g. 'dispatcher'). */
  replica(roles?: string): Promise<Replica>;
  close(): Promise<void>;
}

function engineProcess(app: NestExpressApplication): EngineProcess {
  const bus = app.get(ReadingsBus);
  const engine = app.get(AlarmEngine);
  return {
    app,
    engine,
    clock: app.get(Clock),
    feed: async (readings) => {
      bus.publish(readings);
      await engine.idle();
    },
  };
}

async function ingestEnv(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const influx: TestInfluxDb = await createTestInfluxDb();
  const spoolDir = await mkdtemp(join(tmpdir(), 'lifeline-alarms-spool-'));
  return {
    env: {
      MQTT_HOST: '127.0.0.1',
      MQTT_PORT: '0',
      MQTT_USERNAME: 'lifeline-platform',
      MQTT_PASSWORD: randomBytes(12).toString('hex'),
      INFLUX_URL: influx.url,
      INFLUX_DB: influx.database,
      INFLUX_FLUSH_MS: '20',
      SPOOL_DIR: spoolDir,
    },
    cleanup: async () => {
      await influx.drop();
      await rm(spoolDir, { recursive: true, force: true });
    },
  };
}

/** The whole server (api, ingest with the engine, dispatcher) on a fresh database, owner units gas-co and water-co. */
export async function startAlarms(env: Record<string, string> = {}): Promise<AlarmHarness> {
  const ingest = await ingestEnv();
  const t = await startTestApp({ LIFELINE_ROLES: 'api,ingest,dispatcher', ...ingest.env, ...env });
  await createOwnerUnits(t, ownerUnit('gas-co', ['gas']), ownerUnit('water-co', ['water']));
  const replicas: (() => Promise<void>)[] = [];
  return {
    t,
    ...engineProcess(t.app),
    jobs: t.app.get(AlarmJobs),
    replica: async (roles = 'ingest') => {
      const extra = await ingestEnv();
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        LIFELINE_ROLES: roles,
        DATABASE_URL: t.databaseUrl,
        ...extra.env,
      });
      const { app } = await startApp(config);
      let closed = false;
      const close = async (): Promise<void> => {
        if (closed) return;
        closed = true;
        await app.close();
        await extra.cleanup();
      };
      replicas.push(close);
      const feed = roles.includes('ingest')
        ? engineProcess(app).feed
        : () => Promise.reject(new Error('no ingest role'));
      return { app, feed, close };
    },
    close: async () => {
      for (const close of replicas) await close();
      await t.close();
      await ingest.cleanup();
    },
  };
}

/** A gas manhole (owner gas-co) with one CH4 device; returns the ids. */
export async function gasPoint(
  t: TestApp,
  assetId: string,
  over: Record<string, unknown> = {},
): Promise<{ assetId: string; deviceId: string }> {
  expectStatus(await t.api('POST', '/api/v1/assets', { body: pointAsset(assetId, over) }), 201);
  const deviceId = `${assetId}-D`;
  const body = {
    id: deviceId,
    domain: 'gas',
    assetId,
    metrics: ['ch4_lel', 'c2h6_present', 'temperature_c'],
    reportIntervalS: 60,
  };
  expectStatus(await t.api('POST', '/api/v1/devices', { body }), 201);
  return { assetId, deviceId };
}

let seq = 1;

/** A gas reading `agoMs` before now (the evaluator refuses readings from the future). */
export function gasReading(
  ids: { assetId: string; deviceId: string },
  metrics: Record<string, number>,
  ts: number,
): StoredReading {
  return {
    domain: 'gas',
    district: '康巴什区',
    assetId: ids.assetId,
    deviceId: ids.deviceId,
    ts,
    seq: seq++,
    metrics,
    quality: 'good',
  };
}

/** Readings of `ch4_lel` values one minute apart, the last one `endsAgoMs` before now. */
export function ramp(
  ids: { assetId: string; deviceId: string },
  values: readonly number[],
  extra: Record<string, number> = {},
  endsAgoMs = 0,
): StoredReading[] {
  const end = Date.now() - endsAgoMs;
  return values.map((v, i) =>
    gasReading(ids, { ch4_lel: v, ...extra }, end - (values.length - 1 - i) * 60_000),
  );
}

/** Every alarm of the database as rows (assertion helper). */
export async function alarmRows(t: TestApp, assetId?: string) {
  let q = t.db.selectFrom('alarms').selectAll();
  if (assetId) q = q.where('asset_id', '=', assetId);
  return q.orderBy('raised_at').execute();
}

/** Platform events of the database in id order (assertion helper). */
export async function platformEvents(t: TestApp, types?: string[]) {
  let q = t.db.selectFrom('platform_events').selectAll();
  if (types) q = q.where('type', 'in', types);
  return q.orderBy('id').execute();
}

/** Runs `fn` with the alarm feature's clock at `at` (SLA and verification windows are minutes to hours long). */
export async function atTime<T>(clock: Clock, at: number, fn: () => Promise<T>): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(clock, 'now');
  clock.now = () => at;
  try {
    return await fn();
  } finally {
    if (original) Object.defineProperty(clock, 'now', original);
    else delete (clock as { now?: unknown }).now;
  }
}
