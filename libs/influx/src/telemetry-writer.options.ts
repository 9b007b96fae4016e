import { pino } from 'pino';
import { InfluxError } from './influx-error.js';
import { DEFAULT_GZIP_LEVEL } from './gzip-body.js';
import type { SpoolStats } from './disk-spool.js';
import type { WriteOutcome } from './write-outcome.js';

/** What the writer needs from InfluxDB: `InfluxHttp` provides it; specs pass a fake. */
export interface WriteStore {
  writeGzipped(body: Buffer): Promise<WriteOutcome>;
  ping(): Promise<boolean>;
}

/** Hooks for metrics (prom-client counters/histograms in the app). All optional; a throwing hook is logged. */
export interface TelemetryWriterEvents {
  /** A live batch was acknowledged 2xx; latency runs from its first line being buffered to the answer. */
  onBatchWritten?(lines: number, latencyMs: number): void;
  onSpooled?(lines: number): void;
  onReplayed?(lines: number): void;
  /** InfluxDB refused lines for their content (4xx); they are counted, logged and not retried. */
  onRejected?(lines: number, error: InfluxError): void;
  onStoreDown?(reason: string): void;
  onStoreUp?(): void;
}

/** The subset of pino's logger the writer uses. */
export interface WriterLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface TelemetryWriterOptions {
  /** Folder for the durable spool; one writer per folder (locked). */
  spoolDir: string;
  /** Lines per `/write` request. Default 5,000, the batch size the raw-store reference uses (BENCHMARKS.md). */
  batchSize?: number;
  /** Longest a line waits in memory before its batch is cut. Default 200 ms; at most 1,000 (the 1 s). */
  flushIntervalMs?: number;
  /** Concurrent `/write` requests, replay included. Default 4: raw store throughput peaks at 2–4 (ENVIRONMENT.md). */
  maxInFlight?: number;
  /** Lines waiting for a free request slot before new batches go straight to the spool. Default 50,000. */
  maxBufferedLines?: number;
  /** Most lines sent in one replay request (spooled segments are concatenated). Default 20,000. */
  replayBatchLines?: number;
  /** First and longest delay between reachability probes during an outage. Defaults 1,000 and 5,000 ms. */
  probeMinMs?: number;
  probeMaxMs?: number;
  gzipLevel?: number;
  events?: TelemetryWriterEvents;
  logger?: WriterLogger;
}

export type ResolvedWriterOptions = Required<Omit<TelemetryWriterOptions, 'events' | 'logger'>> & {
  events: TelemetryWriterEvents;
  logger: WriterLogger;
};

export interface TelemetryWriterStats {
  /** Lines in memory, not yet in a request: the open batch plus batches waiting for a slot. */
  bufferedLines: number;
  inFlightBatches: number;
  storeAvailable: boolean;
  spool: SpoolStats;
  totals: { written: number; spooled: number; replayed: number; rejected: number };
}

/** Fills defaults and checks ranges once, at construction (`invalid_config` names the option). */
export function resolveWriterOptions(options: TelemetryWriterOptions): ResolvedWriterOptions {
  const resolved: ResolvedWriterOptions = {
    batchSize: 5000,
    flushIntervalMs: 200,
    maxInFlight: 4,
    maxBufferedLines: 50_000,
    replayBatchLines: 20_000,
    probeMinMs: 1000,
    probeMaxMs: 5000,
    gzipLevel: DEFAULT_GZIP_LEVEL,
    ...definedOnly(options),
    spoolDir: options.spoolDir,
    events: options.events ?? {},
    logger: options.logger ?? pino({ name: 'telemetry-writer' }),
  };
  checkInt('batchSize', resolved.batchSize, 1, 1_000_000);
  checkInt('flushIntervalMs', resolved.flushIntervalMs, 1, 1000);
  checkInt('maxInFlight', resolved.maxInFlight, 1, 64);
  checkInt('maxBufferedLines', resolved.maxBufferedLines, resolved.batchSize, Number.MAX_SAFE_INTEGER);
  checkInt('replayBatchLines', resolved.replayBatchLines, 1, 10_000_000);
  checkInt('probeMinMs', resolved.probeMinMs, 1, 3_600_000);
  checkInt('probeMaxMs', resolved.probeMaxMs, resolved.probeMinMs, 3_600_000);
  checkInt('gzipLevel', resolved.gzipLevel, 0, 9);
  if (typeof resolved.spoolDir !== 'string' || resolved.spoolDir === '')
    throw new InfluxError('invalid_config', 'spoolDir is required');
  return resolved;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InfluxError('invalid_config', `${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}
