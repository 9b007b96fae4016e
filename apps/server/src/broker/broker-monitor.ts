import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { REFUSAL_REASONS, type BrokerRefusal, type RefusalReason, type TelemetrySource } from '#mqtt';
import { HealthRegistry } from '../health/health.registry.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { InjectTelemetrySource } from './broker.tokens.js';
import { RateLimitedLog } from './rate-limited-log.js';

/**
 * Counts and logs every broker refusal (`lifeline_mqtt_refusals_total{reason}`), exposes the connected
 * client count, and registers the `mqtt` readiness check (CONTRACT.md §3: ready only with a broker).
 */
@Injectable()
export class BrokerMonitor implements OnModuleInit {
  private readonly log = new RateLimitedLog(new Logger('Broker'));
  private readonly refusals: Record<RefusalReason, Counter.Internal>;

  constructor(
    @InjectTelemetrySource() private readonly source: TelemetrySource,
    private readonly health: HealthRegistry,
    metrics: MetricsService,
  ) {
    const counter = new Counter({
      name: 'lifeline_mqtt_refusals_total',
      help: 'MQTT connections, publishes and subscriptions refused by the broker, by reason',
      labelNames: ['reason'],
      registers: [metrics.registry],
    });
    // Pre-bound children: every reason shows up as 0 from the start, and inc() skips the label lookup.
    this.refusals = Object.fromEntries(
      REFUSAL_REASONS.map((r) => [r, counter.labels({ reason: r })]),
    ) as Record<RefusalReason, Counter.Internal>;
    new Gauge({
      name: 'lifeline_mqtt_clients_connected',
      help: 'MQTT clients connected to the embedded broker (absent with an external broker)',
      registers: [metrics.registry],
      collect() {
        const n = source.connectedClients();
        if (n !== undefined) this.set(n);
      },
    });
  }

  onModuleInit(): void {
    this.source.onRefusal((refusal) => this.refused(refusal));
    this.health.register('mqtt', async () => {
      if (!this.source.isReady()) throw new Error(`${this.source.mode} broker is not ready`);
    });
  }

  private refused(refusal: BrokerRefusal): void {
    this.refusals[refusal.reason].inc();
    const key = `${refusal.reason}:${refusal.deviceId ?? refusal.remote ?? ''}`;
    this.log.warn(key, { msg: 'mqtt refusal', ...refusal });
  }
}
