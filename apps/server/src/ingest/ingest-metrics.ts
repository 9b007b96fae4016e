import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { REJECTION_CODES, type RejectionCode } from '#contracts';
import { MetricsService } from '../metrics/metrics.service.js';

export const MESSAGE_KINDS = ['telemetry', 'status', 'event', 'invalid'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
const READING_RESULTS = ['accepted', 'rejected', 'duplicate'] as const;
type ReadingResult = (typeof READING_RESULTS)[number];

/**
 * The ingest's counters. Children are bound once per label value, so the hot path's `inc()` does no label
 * hashing; per-device counts live in PostgreSQL (device_rejection_counts), not in label cardinality.
 */
@Injectable()
export class IngestMetrics {
  readonly messages: Record<MessageKind, Counter.Internal>;
  readonly readings: Record<ReadingResult, Counter.Internal>;
  readonly rejections: Record<RejectionCode, Counter.Internal>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.messages = bind(
      new Counter({
        name: 'lifeline_ingest_messages_total',
        help: 'Device messages received, by topic kind',
        labelNames: ['kind'],
        registers,
      }),
      'kind',
      MESSAGE_KINDS,
    );
    this.readings = bind(
      new Counter({
        name: 'lifeline_ingest_readings_total',
        help: 'Telemetry samples by outcome (accepted = handed to the writer; rejected counts each rejection)',
        labelNames: ['result'],
        registers,
      }),
      'result',
      READING_RESULTS,
    );
    this.rejections = bind(
      new Counter({
        name: 'lifeline_ingest_rejections_total',
        help: 'Rejections reported to devices, by reason',
        labelNames: ['reason'],
        registers,
      }),
      'reason',
      REJECTION_CODES,
    );
  }
}

function bind<L extends string, V extends string>(
  counter: Counter<L>,
  label: L,
  values: readonly V[],
): Record<V, Counter.Internal> {
  return Object.fromEntries(
    values.map((v) => [v, counter.labels({ [label]: v } as unknown as Record<L, string>)]),
  ) as Record<V, Counter.Internal>;
}
