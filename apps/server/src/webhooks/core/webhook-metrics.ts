import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DeliveryStep } from '#domain';
import type { Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import { MetricsService } from '../../metrics/metrics.service.js';
import type { AttemptRecord } from './attempt-runner.js';

export const DELIVERY_OUTCOMES = ['succeeded', 'failed', 'throttled', 'gone', 'refused', 'dead'] as const;
export type DeliveryOutcomeLabel = (typeof DELIVERY_OUTCOMES)[number];

/**
 * Webhook metrics on the process registry. Label cardinality stays bounded: `outcome` has six values and
 * `endpoint` one per registered endpoint (a city has a handful of utilities, each with a few endpoints).
 */
@Injectable()
export class WebhookMetrics {
  readonly attempts: Counter<'outcome'>;
  readonly attemptSeconds: Histogram<'outcome'>;
  readonly readingToDelivery: Histogram;

  constructor(metrics: MetricsService, @InjectDb() db: Db) {
    const registers = [metrics.registry];
    this.attempts = new Counter({
      name: 'lifeline_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome (dead = the last retry failed and the delivery was dead-lettered)',
      labelNames: ['outcome'],
      registers,
    });
    this.attemptSeconds = new Histogram({
      name: 'lifeline_webhook_attempt_duration_seconds',
      help: 'Duration of one webhook attempt: resolve, connect, send, read the answer',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
      registers,
    });
    this.readingToDelivery = new Histogram({
      name: 'lifeline_webhook_reading_to_delivery_seconds',
      help: 'From the reading behind an event (alarm.raised occurredAt, or data.readingAt) to its 2xx at the receiver',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 7200],
      registers,
    });
    queueDepthGauge(db, registers);
  }

  /** Counts one recorded attempt. */
  observe(a: AttemptRecord, step: DeliveryStep, readingAt: Date | null): void {
    const outcome = outcomeLabel(a, step);
    this.attempts.inc({ outcome });
    this.attemptSeconds.observe({ outcome }, a.durationMs / 1000);
    if (step.kind === 'succeeded' && readingAt !== null)
      this.readingToDelivery.observe(Math.max(0, Date.now() - readingAt.getTime()) / 1000);
  }
}

/** Pending deliveries per endpoint, read from PostgreSQL at each scrape. */
function queueDepthGauge(db: Db, registers: Registry[]): Gauge<'endpoint'> {
  return new Gauge({
    name: 'lifeline_webhook_queue_depth',
    help: 'Pending webhook deliveries per endpoint (queued, waiting for a retry or in flight)',
    labelNames: ['endpoint'],
    registers,
    async collect() {
      // A failing query leaves the last values: /metrics must answer while PostgreSQL is away.
      const rows = await db
        .selectFrom('webhook_endpoints as e')
        .leftJoin('webhook_deliveries as d', (j) =>
          j.onRef('d.endpoint_id', '=', 'e.id').on('d.status', '=', 'pending'),
        )
        .select(['e.id', (eb) => eb.fn.count<number>('d.id').as('pending')])
        .groupBy('e.id')
        .execute()
        .catch(() => null);
      if (rows === null) return;
      this.reset();
      for (const r of rows) this.set({ endpoint: r.id }, Number(r.pending));
    },
  });
}

function outcomeLabel(a: AttemptRecord, step: DeliveryStep): DeliveryOutcomeLabel {
  if (step.kind === 'succeeded') return 'succeeded';
  if (step.kind === 'dead') return 'dead';
  if (a.outcome.kind === 'gone') return 'gone';
  if (a.outcome.kind === 'throttled') return 'throttled';
  return a.result.kind === 'error' && a.result.code === 'address_refused' ? 'refused' : 'failed';
}
