import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { EventType } from '#contracts';
import type { Db } from '#postgres';
import { startApp } from '../../apps/server/src/app.factory.js';
import { loadConfig } from '../../apps/server/src/config/load-config.js';
import { EventsService, type NewPlatformEvent } from '../../apps/server/src/events/events.service.js';
import type { ApiResponse } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';

/** Test key for secrets at rest (32 bytes); the dev default would log a warning in every test. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 42).toString('base64');

/** Compressed retry schedule and quick polling, so retries and dead-letters happen within a test. */
export const FAST_WEBHOOKS: Record<string, string> = {
  LIFELINE_ROLES: 'api,dispatcher',
  WEBHOOK_SECRET_KEY: TEST_SECRET_KEY,
  WEBHOOK_ALLOW_LOOPBACK: 'true',
  WEBHOOK_RETRY_SCHEDULE: '0,200ms,400ms',
  WEBHOOK_RETRY_JITTER: '0',
  WEBHOOK_TIMEOUT_MS: '3000',
  WEBHOOK_POLL_MS: '200',
};

export interface WebhookApp {
  baseUrl: string;
  adminToken: string;
  app: NestExpressApplication;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on answers with toMatchObject
  api<T = any>(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown },
  ): Promise<ApiResponse<T>>;
  /** Closes the app only (the database stays, for a restart on it). */
  close(): Promise<void>;
}

/** Boots the real app (api + dispatcher roles) on `database`, validated like in production. */
export async function bootWebhookApp(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<WebhookApp> {
  const adminToken = env.ADMIN_TOKEN ?? `test-admin-${randomBytes(16).toString('hex')}`;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    ADMIN_TOKEN: adminToken,
    ...FAST_WEBHOOKS,
    ...env,
  });
  const { app, url } = await startApp(config);
  return {
    baseUrl: url,
    adminToken,
    app,
    api: (method, path, options = {}) =>
      call(url, method, path, options.token === undefined ? adminToken : options.token, options.body),
    close: () => app.close(),
  };
}

export interface WebhookWorld {
  database: TestDatabase;
  app: WebhookApp;
  db: Db;
  close(): Promise<void>;
}

/** A fresh database, the app on it, and owner units `gas-co` and `water-co`. */
export async function startWebhookWorld(env: Record<string, string> = {}): Promise<WebhookWorld> {
  const database = await createTestDatabase();
  const app = await bootWebhookApp(database, env);
  for (const [id, domains] of [
    ['gas-co', ['gas']],
    ['water-co', ['water', 'drainage']],
  ] as const)
    expectOk(await app.api('POST', '/api/v1/owner-units', { body: { id, name: id, domains } }), 201);
  return {
    database,
    app,
    db: database.db,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** Appends platform events the way every feature does (EventsService, in a transaction). */
export async function emit(db: Db, events: NewPlatformEvent[]): Promise<number[]> {
  const service = new EventsService(db);
  const ids = await db.transaction().execute((trx) => service.append(trx, events));
  return ids.map(Number);
}

export interface AlarmEventSpec {
  alarmId?: string;
  sequence?: number;
  type?: EventType;
  ownerUnitId?: string;
  level?: string;
  domain?: string;
  suppressed?: boolean;
  occurredAt?: Date;
}

/** An alarm.* event shaped like the alarm engine's (CONTRACT.md §2). */
export function alarmEvent(spec: AlarmEventSpec = {}): NewPlatformEvent {
  const alarmId = spec.alarmId ?? randomUUID();
  const ownerUnitId = spec.ownerUnitId ?? 'gas-co';
  const domain = spec.domain ?? 'gas';
  const at = spec.occurredAt ?? new Date();
  return {
    type: spec.type ?? 'alarm.raised',
    at,
    assetId: `${domain.toUpperCase()}-SEG-0001`,
    ownerUnitId,
    domain,
    district: '康巴什区',
    alarmId,
    suppressed: spec.suppressed ?? false,
    data: {
      alarmId,
      sequence: spec.sequence ?? 1,
      assetId: `${domain.toUpperCase()}-SEG-0001`,
      domain,
      level: spec.level ?? 'major',
      riskLevel: spec.level ?? 'major',
      state: 'raised',
      metric: 'ch4_lel',
      value: 52.1,
      threshold: 50,
      ownerUnitId,
      occurredAt: at.toISOString(),
      links: { self: `http://127.0.0.1/api/v1/alarms/${alarmId}` },
    },
  };
}

/** A device.offline / device.online event. */
export function deviceEvent(
  type: 'device.offline' | 'device.online',
  deviceId: string,
  ownerUnitId = 'gas-co',
): NewPlatformEvent {
  return {
    type,
    assetId: 'GAS-SEG-0001',
    ownerUnitId,
    domain: 'gas',
    data: { deviceId, assetId: 'GAS-SEG-0001', domain: 'gas', ownerUnitId, lastSeenAt: null, reason: 'test' },
  };
}

/** Registers an endpoint for `url` and returns its id and secret. */
export async function registerEndpoint(
  app: WebhookApp,
  url: string,
  over: Record<string, unknown> = {},
  token?: string,
): Promise<{ id: string; secret: string }> {
  const res = await app.api('POST', '/api/v1/webhook-endpoints', {
    token,
    body: { url, ownerUnitId: 'gas-co', eventTypes: ['*'], ...over },
  });
  expectOk(res, 201);
  return { id: res.body.id as string, secret: res.body.secret as string };
}

/** Issues a token through the API. */
export async function tokenFor(app: WebhookApp, role: string, ownerUnitId?: string): Promise<string> {
  const res = await app.api('POST', '/api/v1/tokens', {
    body: { role, ...(ownerUnitId ? { ownerUnitId } : {}) },
  });
  expectOk(res, 201);
  return res.body.token as string;
}

/** Rows of webhook_deliveries for assertions. */
export async function deliveriesOf(db: Db, endpointId: string) {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('id')
    .execute();
}

/** Polls until `check` returns true (fails after `timeoutMs`). */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One field of every item of an API list (the answers are untyped JSON). */
export function pluck<T = unknown>(items: unknown, key: string): T[] {
  return (items as Record<string, T>[]).map((item) => item[key]);
}

export function expectOk(res: { status: number; body: unknown }, status: number): void {
  if (res.status !== status)
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  token: string | null,
  body: unknown,
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = /json/.test(res.headers.get('content-type') ?? '') && text !== '';
  return { status: res.status, headers: res.headers, body: json ? JSON.parse(text) : text };
}
