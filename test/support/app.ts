import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Db } from '#postgres';
import { startApp } from '../../apps/server/src/app.factory.js';
import { loadConfig } from '../../apps/server/src/config/load-config.js';
import { createTestDatabase } from './pg.js';

/**
 * Timeout for hooks that boot or close an app (database creation, migrations, Nest init). Jest's default
 * 5 s is too tight on a busy 2-core machine.
 */
export const BOOT_TIMEOUT_MS = 30_000;

export interface ApiOptions {
  /** Bearer token; defaults to the admin token, `null` sends none. */
  token?: string | null;
  /** JSON-encoded unless a string (sent as is) or contentType says otherwise. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on answers with toMatchObject; typing each adds nothing
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON for JSON and problem+json answers, text otherwise. */
  body: T;
}

export interface TestApp {
  baseUrl: string;
  adminToken: string;
  /** URL of the app's database (e.g. for a LISTEN connection). */
  databaseUrl: string;
  /** Assertion handle on the app's database. */
  db: Db;
  app: NestExpressApplication;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see ApiResponse
  api<T = any>(method: string, path: string, options?: ApiOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/**
 * Boots the real Nest app (createApp → listen on 127.0.0.1:0) against a fresh database. Only the api role
 * runs unless `env.LIFELINE_ROLES` says otherwise, so no broker or InfluxDB is needed. `env` holds extra
 * environment variables, validated like in production.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const adminToken = `test-admin-${randomBytes(16).toString('hex')}`;
  try {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      LIFELINE_ROLES: 'api',
      ADMIN_TOKEN: adminToken,
      DATABASE_URL: database.url,
      ...env,
    });
    const { app, url } = await startApp(config);
    return {
      baseUrl: url,
      adminToken,
      databaseUrl: database.url,
      db: database.db,
      app,
      api: (method, path, options) => call(url, adminToken, method, path, options),
      close: async () => {
        await app.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

async function call(
  baseUrl: string,
  adminToken: string,
  method: string,
  path: string,
  options: ApiOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? adminToken : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  const json = /json/.test(res.headers.get('content-type') ?? '') && text !== '';
  return { status: res.status, headers: res.headers, body: json ? JSON.parse(text) : text };
}
