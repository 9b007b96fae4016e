import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, migrateToLatest, type Db } from '#postgres';

export interface TestDatabase {
  /** Connection URL of the fresh database. */
  url: string;
  /** A Kysely handle for assertions (separate from any app's pool). */
  db: Db;
  /** Closes `db` and drops the database, disconnecting anyone still on it. */
  drop(): Promise<void>;
}

/** The server URL (no database) that `npm test` sets; a developer's local cluster otherwise. */
export function testServerUrl(): string {
  return process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5433';
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates `lifeline_t_<random>` on TEST_PG_URL with every migration applied, so test files never share state. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `lifeline_t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = withDatabase(testServerUrl(), name);
  const db = createDatabase({ connectionString: url, max: 4 });
  await migrateToLatest(db);
  return {
    url,
    db,
    drop: async () => {
      await db.destroy();
      // FORCE (PostgreSQL 13+) ends sessions a failed test may have left open.
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
