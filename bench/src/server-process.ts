import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parsePrometheus, type PromSamples } from './prom-text.js';

/** How the service under test is started: the real build, as `npm run serve` runs it. */
export interface ServerSpec {
  /** Label for logs and data folders (w1, r, s, …). */
  name: string;
  root: string;
  dataDir: string;
  httpPort: number;
  mqttPort: number;
  databaseUrl: string;
  influxUrl: string;
  influxDb: string;
  adminToken: string;
  /** Extra environment (writer settings, log level). */
  env: Record<string, string>;
}

export class ServerProcess {
  readonly baseUrl: string;
  readonly logPath: string;
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private stopping = false;

  constructor(readonly spec: ServerSpec) {
    this.baseUrl = `http://127.0.0.1:${spec.httpPort}`;
    this.logPath = join(spec.dataDir, 'logs', `server-${spec.name}.log`);
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get spoolDir(): string {
    return join(this.spec.dataDir, 'spool', this.spec.name);
  }

  /** Starts `node dist/apps/server/src/main.js` and waits for `/health/ready` (broker, PostgreSQL, InfluxDB). */
  async start(timeoutMs = 120_000): Promise<void> {
    mkdirSync(join(this.spec.dataDir, 'logs'), { recursive: true });
    rmSync(this.spoolDir, { recursive: true, force: true });
    mkdirSync(this.spoolDir, { recursive: true });
    const log = createWriteStream(this.logPath, { flags: 'w' });
    const env = {
      ...process.env,
      PORT: String(this.spec.httpPort),
      HOST: '127.0.0.1',
      MQTT_PORT: String(this.spec.mqttPort),
      MQTT_HOST: '127.0.0.1',
      DATABASE_URL: this.spec.databaseUrl,
      INFLUX_URL: this.spec.influxUrl,
      INFLUX_DB: this.spec.influxDb,
      ADMIN_TOKEN: this.spec.adminToken,
      SPOOL_DIR: this.spoolDir,
      LIFELINE_ROLES: 'all',
      ...this.spec.env,
    };
    const child = spawn(process.execPath, [join(this.spec.root, 'dist/apps/server/src/main.js')], {
      cwd: this.spec.root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`server exited with code ${child.exitCode}; see ${this.logPath}`);
      try {
        const res = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
        last = `${res.status} ${(await res.text()).slice(0, 300)}`;
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      await sleep(250);
    }
    throw new Error(
      `server not ready after ${timeoutMs / 1000} s (last answer: ${last}); see ${this.logPath}`,
    );
  }

  /** True when the process has exited without being asked to (a crash during a workload). */
  get crashed(): boolean {
    return (
      this.child !== null &&
      !this.stopping &&
      (this.child.exitCode !== null || this.child.signalCode !== null)
    );
  }

  /**
   * SIGTERM (the service flushes its writer and closes the broker), SIGKILL if it does not exit in time.
   * Returns the exit code, how long the stop took and whether it had to be killed.
   */
  async stop(timeoutMs = 30_000): Promise<{ code: number | null; seconds: number; killed: boolean }> {
    const child = this.child;
    if (!child || child.exitCode !== null)
      return { code: child?.exitCode ?? null, seconds: 0, killed: false };
    this.stopping = true;
    const started = Date.now();
    let killed = false;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return { code, seconds: (Date.now() - started) / 1000, killed };
  }

  /** The service's Prometheus counters, or null when it does not answer. */
  async metrics(): Promise<PromSamples | null> {
    try {
      const res = await fetch(`${this.baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
      return res.ok ? parsePrometheus(await res.text()) : null;
    } catch {
      return null;
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
