import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '../../metrics/metrics.service.js';

/** Prometheus metrics of the rule engine (registered on the process registry, never the global one). */
@Injectable()
export class EngineMetrics {
  readonly evaluations: Counter;
  readonly raised: Counter<'level'>;
  readonly transitions: Counter<'kind'>;
  readonly latency: Histogram;
  readonly dropped: Counter;
  readonly failures: Counter;
  readonly queued: Gauge;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.evaluations = new Counter({
      name: 'lifeline_alarm_evaluations_total',
      help: 'Rule evaluations (one reading × one rule)',
      registers,
    });
    this.raised = new Counter({
      name: 'lifeline_alarms_raised_total',
      help: 'Alarms raised (new alarm rows), by level',
      labelNames: ['level'],
      registers,
    });
    this.transitions = new Counter({
      name: 'lifeline_alarm_transitions_total',
      help: 'Rule transitions turned into alarm changes, by kind',
      labelNames: ['kind'],
      registers,
    });
    this.latency = new Histogram({
      name: 'lifeline_alarm_persist_latency_seconds',
      help: 'From a reading reaching the engine to its alarm change being committed',
      // The platform promises the monitoring room within a second (ARCHITECTURE.md "The job in one line").
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.dropped = new Counter({
      name: 'lifeline_alarm_engine_dropped_total',
      help: 'Readings dropped because the engine queue was full',
      registers,
    });
    this.failures = new Counter({
      name: 'lifeline_alarm_engine_failures_total',
      help: 'Batches whose alarm changes failed and were retried',
      registers,
    });
    this.queued = new Gauge({
      name: 'lifeline_alarm_engine_queued_readings',
      help: 'Readings waiting for evaluation',
      registers,
    });
  }
}
