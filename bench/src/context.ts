import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratorClient } from './generator-client.js';
import type { ConnectOutcome } from './generator.js';
import { InfluxCheck } from './influx-check.js';
import { processWindow, trafficWindow } from './measure.js';
import type { SimDevice } from '../../simulators/src/device.js';
import { MACHINE, ProcessMonitor } from './process-monitor.js';
import { clockTicksPerSecond } from './proc-stats.js';
import { promSum, promValue, type PromSamples } from './prom-text.js';
import type { MeasuredWindow, ServiceCounters } from './results.js';
import { DEFAULT_CRITERIA, type StepCriteria } from './ramp.js';
import { ServerProcess, sleep } from './server-process.js';

/** Durations of one run; `--quick` shortens every one of them. */
export interface Timings {
  warmupS: number;
  measureS: number;
  rampStepS: number;
  rawRampStepS: number;
  outagePreS: number;
  outageS: number;
  outagePostS: number;
  rawStoreLines: number;
  /** Also time uncompressed bodies (ENVIRONMENT.md's figures were plain); the service sends gzip. */
  rawStorePlain: boolean;
  decodeS: number;
}

export const FULL: Timings = {
  warmupS: 15,
  measureS: 60,
  rampStepS: 60,
  rawRampStepS: 20,
  outagePreS: 30,
  outageS: 30,
  outagePostS: 30,
  rawStoreLines: 2_000_000,
  rawStorePlain: true,
  decodeS: 5,
};

export const QUICK: Timings = {
  warmupS: 5,
  measureS: 20,
  rampStepS: 20,
  rawRampStepS: 10,
  outagePreS: 10,
  outageS: 30,
  outagePostS: 10,
  rawStoreLines: 200_000,
  rawStorePlain: false,
  decodeS: 2,
};

export interface BenchOptions {
  root: string;
  dataDir: string;
  influxUrl: string;
  databaseUrl: string;
  quick: boolean;
  timings: Timings;
  sensors: number;
  assets: number;
  rampStart: number;
  rampStep: number;
  rampMax: number;
  connectConcurrency: number;
  criteria: StepCriteria;
  /** Writer settings passed to the service (and printed in the report). */
  serverEnv: Record<string, string>;
  adminToken: string;
  /** Keep each workload's InfluxDB database after the run (for inspection). */
  keepData: boolean;
}

/** Seed of the simulators' signal models for every payload of the bench (fixed: runs are comparable). */
export const SIGNAL_SEED = 20261122;

export const DEFAULT_SERVER_ENV: Record<string, string> = {
  INFLUX_BATCH_SIZE: '5000',
  INFLUX_FLUSH_MS: '200',
  INFLUX_MAX_INFLIGHT: '4',
  // The service's default: what it costs as deployed, and its lifecycle lines in the logs.
  LOG_LEVEL: 'info',
};

export { DEFAULT_CRITERIA };

/** Shared state of a run: options, the registered devices, the process monitor, InfluxDB access. */
export class BenchContext {
  readonly monitor = new ProcessMonitor();
  readonly influx: InfluxCheck;
  readonly ticksPerSecond = clockTicksPerSecond();
  devices: SimDevice[] = [];
  /** Things the report should mention that belong to no one workload. */
  readonly notes: string[] = [];
  private port = 0;

  constructor(readonly opts: BenchOptions) {
    this.influx = new InfluxCheck(opts.influxUrl);
    this.monitor.watch('influxd', () => this.influxPid());
    this.monitor.start(1000);
  }

  get t(): Timings {
    return this.opts.timings;
  }

  log(line: string): void {
    process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  }

  /** InfluxDB's pid from infra.sh's pid file (it changes when workload S restarts it). */
  influxPid(): number | null {
    try {
      const pid = Number(readFileSync(join(this.opts.dataDir, 'influx', 'influxd.pid'), 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  }

  /** A fresh pair of ports per server: a new MQTT port keeps TIME_WAIT sockets of the last run out of the way. */
  ports(): { http: number; mqtt: number } {
    this.port++;
    return { http: 23_000 + this.port, mqtt: 21_880 + this.port };
  }

  /** Starts the service under test against database `influxDb` (dropped first), watched as `server`. */
  async startServer(name: string, influxDb: string): Promise<ServerProcess> {
    await this.influx.dropDatabase(influxDb).catch(() => undefined);
    const ports = this.ports();
    const server = new ServerProcess({
      name,
      root: this.opts.root,
      dataDir: this.opts.dataDir,
      httpPort: ports.http,
      mqttPort: ports.mqtt,
      databaseUrl: this.opts.databaseUrl,
      influxUrl: this.opts.influxUrl,
      influxDb,
      adminToken: this.opts.adminToken,
      env: this.opts.serverEnv,
    });
    this.log(`starting the service (${name}): http ${ports.http}, mqtt ${ports.mqtt}, influx db ${influxDb}`);
    await server.start();
    this.monitor.watch('server', () => server.pid);
    return server;
  }

  /**
   * Stops the service and drops its database once its workload is checked: every later InfluxDB restart
   * (workload S) replays the WAL of every database, and idle series take memory (`--keep-data` keeps them).
   */
  async stopServer(server: ServerProcess): Promise<void> {
    const crashed = server.crashed;
    const { code, seconds, killed } = await server.stop();
    this.monitor.unwatch('server');
    if (!this.opts.keepData) await this.influx.dropDatabase(server.spec.influxDb).catch(() => undefined);
    let what: string | null = null;
    if (crashed) what = `crashed during the workload (exit code ${code})`;
    else if (killed) what = `did not exit within ${Math.round(seconds)} s of SIGTERM and was killed`;
    else if (code !== 0 && code !== null) what = `exited with code ${code} on SIGTERM`;
    else if (seconds > 5) what = `took ${seconds.toFixed(1)} s to exit on SIGTERM`;
    if (what) {
      const note = `the service (${server.spec.name}) ${what}; see ${server.logPath}`;
      this.log(note);
      this.notes.push(note);
    }
  }

  /** Forks a generator, connects every sensor to `port`, watched as `generator`. */
  async openLoad(port: number, recordCount = 0): Promise<{ gen: GeneratorClient; outcome: ConnectOutcome }> {
    const gen = new GeneratorClient();
    this.monitor.watch('generator', () => gen.pid);
    this.log(`connecting ${this.devices.length} sensors to 127.0.0.1:${port}`);
    const outcome = await gen.init({
      host: '127.0.0.1',
      port,
      devices: this.devices,
      connectConcurrency: this.opts.connectConcurrency,
      seqStart: 1,
      seed: SIGNAL_SEED,
      recordCount,
    });
    this.log(`connected ${outcome.connected}, failed ${outcome.failed} in ${outcome.seconds.toFixed(1)} s`);
    return { gen, outcome };
  }

  async closeLoad(gen: GeneratorClient): Promise<void> {
    await gen.close();
    this.monitor.unwatch('generator');
  }

  /** Waits until the generator has no unacknowledged message (or `timeoutMs`); returns the seconds waited. */
  async drain(gen: GeneratorClient, timeoutMs: number): Promise<number> {
    const started = Date.now();
    await sleep(1100);
    while (Date.now() - started < timeoutMs) {
      const last = gen.last;
      if (last && last.outstanding === 0 && last.t > started) break;
      await sleep(500);
    }
    return (Date.now() - started) / 1000;
  }

  /** Generator traffic and process CPU/RSS over [from, to]; `serviceName` is the monitored service process. */
  window(
    gen: GeneratorClient,
    label: string,
    targetRate: number,
    from: number,
    to: number,
    serviceName = 'server',
  ): MeasuredWindow | null {
    const traffic = trafficWindow(gen.ticks, from, to);
    if (!traffic) return null;
    const rate = traffic.ackedRate;
    const processes: MeasuredWindow['processes'] = {};
    for (const name of [serviceName, 'generator', 'influxd']) {
      const perRate = name === 'generator' ? traffic.sentRate : rate;
      processes[name] = processWindow(this.monitor.samples(name), from, to, this.ticksPerSecond, perRate);
    }
    processes[MACHINE] = processWindow(this.monitor.samples(MACHINE), from, to, this.ticksPerSecond, rate);
    return { label, targetRate, traffic, processes };
  }

  /** Sleeps `seconds`, then returns [from, to] of that span with process samples taken at both edges. */
  async span(seconds: number): Promise<[number, number]> {
    this.monitor.sampleNow();
    const from = Date.now();
    await sleep(seconds * 1000);
    this.monitor.sampleNow();
    // Let the generator's next tick land after `to`, so the window is covered.
    await sleep(1100);
    return [from, from + seconds * 1000];
  }

  rssMiB(name: string): number {
    this.monitor.sampleNow();
    return this.monitor.latestRssMiB(name);
  }

  close(): void {
    this.monitor.stop();
  }
}

/** The service's ingest and writer counters from `/metrics`. */
export function serviceCounters(m: PromSamples | null): ServiceCounters | null {
  if (!m) return null;
  const rejectionsByReason: Record<string, number> = {};
  for (const [key, value] of m) {
    const match = /^lifeline_ingest_rejections_total\{.*reason="([^"]+)".*\}$/.exec(key);
    if (match && value > 0) rejectionsByReason[match[1]] = value;
  }
  const lines = (outcome: string): number => promValue(m, 'lifeline_influx_lines_total', { outcome });
  return {
    accepted: promValue(m, 'lifeline_ingest_readings_total', { result: 'accepted' }),
    rejected: promValue(m, 'lifeline_ingest_readings_total', { result: 'rejected' }),
    duplicate: promValue(m, 'lifeline_ingest_readings_total', { result: 'duplicate' }),
    linesWritten: lines('written'),
    linesSpooled: lines('spooled'),
    linesReplayed: lines('replayed'),
    linesRejected: lines('rejected'),
    rejectionsByReason,
  };
}

export function spoolLines(m: PromSamples | null): number | undefined {
  return m ? promSum(m, 'lifeline_influx_spool_lines') : undefined;
}
