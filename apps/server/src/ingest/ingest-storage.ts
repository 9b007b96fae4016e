import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { TelemetryWriter, type InfluxHttp } from '#influx';
import { HealthRegistry } from '../health/health.registry.js';
import { DeviceEventRecorder } from './device-events/device-event.recorder.js';
import { DeviceStateWriter } from './device-state/device-state.writer.js';
import { RejectionRecorder } from './rejections/rejection-recorder.js';
import { INGEST_INFLUX } from './telemetry-writer.provider.js';

/**
 * Everything the ingest writes, started before the first message and stopped after the last: the
 * InfluxDB writer (durable acknowledgements) and the per-second PostgreSQL batchers. Registers the
 * `influx` readiness check.
 */
@Injectable()
export class IngestStorage implements OnModuleInit {
  private readonly logger = new Logger(IngestStorage.name);

  constructor(
    private readonly writer: TelemetryWriter,
    @Inject(INGEST_INFLUX) private readonly influx: InfluxHttp,
    private readonly health: HealthRegistry,
    private readonly rejections: RejectionRecorder,
    private readonly state: DeviceStateWriter,
    private readonly events: DeviceEventRecorder,
  ) {}

  onModuleInit(): void {
    this.health.register('influx', async () => {
      if (!(await this.influx.ping())) throw new Error('InfluxDB does not answer /ping');
    });
  }

  async start(): Promise<void> {
    // InfluxDB 1.x needs the database to exist; without InfluxDB now, the writer spools until it appears.
    const created = await this.influx.ensureDatabase().catch(() => false);
    if (!created)
      this.logger.warn({
        msg: 'could not ensure the InfluxDB database; telemetry is spooled until InfluxDB answers',
      });
    await this.writer.start();
    this.rejections.start();
    this.state.start();
    this.events.start();
  }

  /** Makes every accepted reading durable, which releases the last MQTT acknowledgements. */
  async closeWriter(): Promise<void> {
    await this.writer.close();
  }

  /** Writes what the PostgreSQL batchers still hold, then releases the InfluxDB client. */
  async stop(): Promise<void> {
    await Promise.all([this.events.stop(), this.rejections.stop(), this.state.stop()]);
    this.influx.close();
  }
}
