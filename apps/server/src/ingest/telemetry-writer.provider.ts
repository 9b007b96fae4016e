import { Logger, type Provider } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { InfluxHttp, TelemetryWriter, type TelemetryWriterEvents, type WriterLogger } from '#influx';
import { AppConfig } from '../config/app-config.js';
import { MetricsService } from '../metrics/metrics.service.js';

/** The InfluxDB client the ingest writes through (also its readiness probe). */
export const INGEST_INFLUX = Symbol('lifeline.ingest.influx');

const LINE_OUTCOMES = ['written', 'spooled', 'replayed', 'rejected'] as const;

/** The batched, spooling writer (libs/influx, docs/decisions/0003) with its metrics wired in. */
export const telemetryWriterProviders: Provider[] = [
  {
    provide: INGEST_INFLUX,
    inject: [AppConfig],
    useFactory: (config: AppConfig): InfluxHttp =>
      new InfluxHttp({
        url: config.influx.url,
        database: config.influx.db,
        token: config.influx.token,
        timeoutMs: 10_000,
        // Every in-flight write plus a probe and a replay.
        maxSockets: config.influx.maxInflight + 2,
      }),
  },
  {
    provide: TelemetryWriter,
    inject: [INGEST_INFLUX, AppConfig, MetricsService],
    useFactory: (influx: InfluxHttp, config: AppConfig, metrics: MetricsService): TelemetryWriter => {
      const logger = new Logger('TelemetryWriter');
      const ref: { writer?: TelemetryWriter } = {};
      const writer = new TelemetryWriter(influx, {
        spoolDir: config.influx.spoolDir,
        batchSize: config.influx.batchSize,
        flushIntervalMs: config.influx.flushMs,
        maxInFlight: config.influx.maxInflight,
        events: writerMetrics(metrics, logger, () => ref.writer),
        logger: nestWriterLogger(logger),
      });
      ref.writer = writer;
      return writer;
    },
  },
];

/** lifeline_influx_write_seconds and lifeline_influx_lines_total{outcome} fed by the writer's hooks. */
function writerMetrics(
  metrics: MetricsService,
  logger: Logger,
  writer: () => TelemetryWriter | undefined,
): TelemetryWriterEvents {
  const registers = [metrics.registry];
  const seconds = new Histogram({
    name: 'lifeline_influx_write_seconds',
    help: 'From a line entering a batch to InfluxDB acknowledging the batch',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const lines = new Counter({
    name: 'lifeline_influx_lines_total',
    help: 'Telemetry lines by outcome',
    labelNames: ['outcome'],
    registers,
  });
  const by = Object.fromEntries(LINE_OUTCOMES.map((o) => [o, lines.labels({ outcome: o })])) as Record<
    (typeof LINE_OUTCOMES)[number],
    Counter.Internal
  >;
  spoolGauge(metrics, writer);
  return {
    onBatchWritten: (n, latencyMs) => {
      by.written.inc(n);
      seconds.observe(latencyMs / 1000);
    },
    onSpooled: (n) => by.spooled.inc(n),
    onReplayed: (n) => by.replayed.inc(n),
    onRejected: (n, error) => {
      by.rejected.inc(n);
      logger.error({ msg: 'InfluxDB refused telemetry lines', lines: n, err: error.message });
    },
    onStoreDown: (reason) => logger.warn({ msg: 'InfluxDB unavailable; spooling telemetry', reason }),
    onStoreUp: () => logger.log({ msg: 'InfluxDB available again; replaying the spool' }),
  };
}

/** lifeline_influx_spool_lines, read from the writer at scrape time. */
function spoolGauge(metrics: MetricsService, writer: () => TelemetryWriter | undefined): void {
  new Gauge({
    name: 'lifeline_influx_spool_lines',
    help: 'Telemetry lines waiting in the disk spool for InfluxDB',
    registers: [metrics.registry],
    collect() {
      const w = writer();
      if (w) this.set(w.stats().spool.lines);
    },
  });
}

function nestWriterLogger(logger: Logger): WriterLogger {
  return {
    info: (obj, msg) => logger.log({ msg, ...obj }),
    warn: (obj, msg) => logger.warn({ msg, ...obj }),
    error: (obj, msg) => logger.error({ msg, ...obj }),
  };
}
