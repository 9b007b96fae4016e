import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { InfluxHttp, TelemetryQueries } from '#influx';
import { AppConfig } from '../config/app-config.js';
import { AssetsModule } from '../registry/assets/assets.module.js';
import { TelemetryController } from './telemetry.controller.js';
import { TELEMETRY_QUERIES, TelemetryService } from './telemetry.service.js';

const TELEMETRY_INFLUX = Symbol('lifeline.telemetry.influx');

/** `GET /api/v1/assets/{id}/telemetry` (api role): reads InfluxDB with its own small connection pool. */
@Module({
  imports: [AssetsModule],
  controllers: [TelemetryController],
  providers: [
    {
      provide: TELEMETRY_INFLUX,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new InfluxHttp({
          url: config.influx.url,
          database: config.influx.db,
          token: config.influx.token,
          timeoutMs: 10_000,
          maxSockets: 4,
        }),
    },
    {
      provide: TELEMETRY_QUERIES,
      inject: [TELEMETRY_INFLUX],
      useFactory: (influx: InfluxHttp) => new TelemetryQueries(influx),
    },
    TelemetryService,
  ],
})
export class TelemetryModule implements OnApplicationShutdown {
  constructor(@Inject(TELEMETRY_INFLUX) private readonly influx: InfluxHttp) {}

  onApplicationShutdown(): void {
    this.influx.close();
  }
}
