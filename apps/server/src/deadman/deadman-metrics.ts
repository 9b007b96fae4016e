import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';
import { DeviceStatusRepository } from './device-status.repository.js';

/** `lifeline_devices_offline` (from PostgreSQL at scrape time) and `lifeline_deadman_transitions_total{to}`. */
@Injectable()
export class DeadmanMetrics {
  readonly transitions: Counter<'to'>;

  constructor(metrics: MetricsService, statuses: DeviceStatusRepository) {
    new Gauge({
      name: 'lifeline_devices_offline',
      help: 'Enabled devices the deadman has announced offline',
      registers: [metrics.registry],
      async collect() {
        this.set(await statuses.offlineCount());
      },
    });
    this.transitions = new Counter({
      name: 'lifeline_deadman_transitions_total',
      help: 'device.offline / device.online events emitted by the deadman',
      labelNames: ['to'],
      registers: [metrics.registry],
    });
  }
}
