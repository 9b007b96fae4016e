import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfluxHttp, quoteIdent } from '#influx';

/** The shared test server (`npm test` sets it; scripts/test.sh). */
export function testInfluxUrl(): string {
  const url = process.env.TEST_INFLUX_URL;
  if (!url)
    throw new Error(
      'TEST_INFLUX_URL is not set (npm test sets it; or export TEST_INFLUX_URL=http://127.0.0.1:8086)',
    );
  return url;
}

export interface TestInfluxDb {
  url: string;
  database: string;
  drop(): Promise<void>;
}

/** A fresh database on the shared server, so test files never share state (CONTRIBUTING.md "Tests"). */
export async function createTestInfluxDb(url = testInfluxUrl()): Promise<TestInfluxDb> {
  const database = `lifeline_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new InfluxHttp({ url, database, timeoutMs: 10_000 });
  if (!(await admin.ensureDatabase()))
    throw new Error(`could not create InfluxDB database ${database} on ${url}`);
  return {
    url,
    database,
    drop: async () => {
      try {
        await admin.command(`DROP DATABASE ${quoteIdent(database)}`);
      } finally {
        admin.close();
      }
    },
  };
}

export interface PrivateInfluxd {
  url: string;
  dataDir: string;
  /** Starts it again on the same data folder and port; resolves once /ping answers. */
  start(): Promise<void>;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
  /** SIGKILL (a crash), then waits for the process to exit. */
  kill(): Promise<void>;
  /** Stops it and deletes its data folder. */
  remove(): Promise<void>;
}

/**
 * An influxd of its own, for outage tests: all data in a temp folder, HTTP and the RPC bind address on
 * 127.0.0.1, usage reporting and the `_internal` monitor store off (ENVIRONMENT.md "InfluxDB").
 */
export async function startPrivateInfluxd(
  options: { port?: number; binary?: string } = {},
): Promise<PrivateInfluxd> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lifeline-influxd-'));
  const port = options.port ?? (await freePort());
  const rpcPort = await freePort();
  const configPath = join(dataDir, 'influxdb.conf');
  await writeFile(configPath, influxdConfig(dataDir, port, rpcPort));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    if (child) throw new Error('private influxd is already running');
    const proc = spawn(options.binary ?? 'influxd', ['run', '-config', configPath], { stdio: 'ignore' });
    child = proc;
    proc.once('exit', () => {
      if (child === proc) child = undefined;
    });
    await waitForPing(url, proc);
  };
  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(sig);
    await exited;
  };

  // A test run that dies without calling stop() must not leave an influxd behind.
  process.once('exit', () => child?.kill('SIGKILL'));
  await start();
  return {
    url,
    dataDir,
    start,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    remove: async () => {
      await signal('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function influxdConfig(dir: string, port: number, rpcPort: number): string {
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${dir}/meta"
[data]
  dir = "${dir}/data"
  wal-dir = "${dir}/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:${port}"
  log-enabled = false
[continuous_queries]
  enabled = false
`;
}

async function waitForPing(url: string, proc: ChildProcess): Promise<void> {
  const probe = new InfluxHttp({ url, database: '_', timeoutMs: 1000 });
  try {
    for (let i = 0; i < 200; i++) {
      if (proc.exitCode !== null)
        throw new Error(`influxd exited with code ${proc.exitCode} before answering /ping`);
      if (await probe.ping()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`influxd did not answer ${url}/ping within 10 s`);
  } finally {
    probe.close();
  }
}

/** A port the OS just handed out; free again when this resolves (a small race, fine for tests). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
