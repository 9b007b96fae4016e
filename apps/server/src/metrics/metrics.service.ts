import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The one Prometheus registry of the process. Other modules add their own metrics to `registry`
 * (`new Counter({ name, help, registers: [metrics.registry] })`), never to prom-client's global one, so
 * tests can run several apps in one process.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'lifeline_' });
    this.httpDuration = new Histogram({
      name: 'lifeline_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern',
      labelNames: ['method', 'route', 'status_code'],
      // API calls are tens of ms; bulk imports take seconds.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
  }
}
