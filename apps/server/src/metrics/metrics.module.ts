import { Global, Module } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/** Token of the shared prom-client `Registry`, for modules that want the registry alone. */
export const METRICS_REGISTRY = Symbol('lifeline.metrics-registry');

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    MetricsService,
    {
      provide: METRICS_REGISTRY,
      inject: [MetricsService],
      useFactory: (m: MetricsService): Registry => m.registry,
    },
  ],
  exports: [MetricsService, METRICS_REGISTRY],
})
export class MetricsModule {}
