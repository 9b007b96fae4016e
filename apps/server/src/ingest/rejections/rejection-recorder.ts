import { Injectable, Logger } from '@nestjs/common';
import { deviceTopic, type DeviceErrorMessage, type Domain } from '#contracts';
import type { Rejection } from '#domain';
import type { TelemetrySource } from '#mqtt';
import { InjectTelemetrySource } from '../../broker/broker.tokens.js';
import { RateLimitedLog } from '../../broker/rate-limited-log.js';
import { IngestMetrics } from '../ingest-metrics.js';
import { SerialTicker } from '../serial-ticker.js';
import {
  RejectionsRepository,
  type RejectionCountDelta,
  type RejectionRow,
} from './rejections.repository.js';

/** Rows kept per device in device_rejections ("recent rejections"); older ones are trimmed. */
export const KEEP_PER_DEVICE = 200;
/** Errors published for one message; beyond that one summary says how many more (bounds amplification). */
const MAX_PUBLISHED_PER_MESSAGE = 1000;
/** Rows waiting for PostgreSQL before new ones are dropped (counts are never dropped). */
const MAX_BUFFERED_ROWS = 50_000;
const FLUSH_MS = 1000;
const TRIM_MS = 60_000;

/** Whom a rejection concerns; `domain` is needed to reach its errors topic. */
export interface RejectionTarget {
  deviceId: string;
  domain: Domain;
}

/**
 * Every rejection (CONTRACT.md §1): published on the device's `errors` topic, counted by reason in
 * prom-client and per device in PostgreSQL, kept in the recent list, and logged (rate-limited). The
 * PostgreSQL side is batched: one INSERT and one upsert per second, never a query per message.
 */
@Injectable()
export class RejectionRecorder {
  private readonly logger = new Logger('Rejections');
  private readonly log = new RateLimitedLog(this.logger);
  private rows: RejectionRow[] = [];
  private counts = new Map<string, RejectionCountDelta>();
  private touched = new Set<string>();
  private lastTrim = 0;
  private readonly ticker = new SerialTicker(
    FLUSH_MS,
    () => this.flush(),
    (err) => this.logger.error({ msg: 'rejection flush failed', err: String(err) }),
  );

  constructor(
    @InjectTelemetrySource() private readonly source: TelemetrySource,
    private readonly repo: RejectionsRepository,
    private readonly metrics: IngestMetrics,
  ) {}

  start(): void {
    this.ticker.start();
  }

  /** Flushes what is buffered; called at shutdown, after the last message was handled. */
  async stop(): Promise<void> {
    await this.ticker.stop();
  }

  /** Records the rejections of one message on `topic`; `target` null when no device can be named. */
  record(
    target: RejectionTarget | null,
    topic: string,
    rejections: readonly Rejection[],
    now = Date.now(),
  ): void {
    if (rejections.length === 0) return;
    for (const r of rejections) this.metrics.rejections[r.code].inc();
    if (!target) {
      this.log.warn(`unattributed:${rejections[0].code}`, {
        msg: 'message rejected',
        topic: topic.slice(0, 200),
        ...rejections[0],
      });
      return;
    }
    this.publish(target, topic, rejections, now);
    this.buffer(target.deviceId, topic, rejections, new Date(now));
    const first = rejections[0];
    this.log.warn(`${target.deviceId}:${first.code}`, {
      msg: 'message rejected',
      deviceId: target.deviceId,
      topic,
      rejections: rejections.length,
      first,
    });
  }

  /** Runs one flush now (tests and shutdown). */
  async flushNow(): Promise<void> {
    await this.ticker.runNow();
  }

  private publish(
    target: RejectionTarget,
    topic: string,
    rejections: readonly Rejection[],
    now: number,
  ): void {
    const errors = deviceTopic(target.domain, target.deviceId, 'errors');
    const listed = Math.min(rejections.length, MAX_PUBLISHED_PER_MESSAGE);
    for (let i = 0; i < listed; i++) this.source.publish(errors, errorMessage(rejections[i], topic, now), 1);
    if (rejections.length > listed) {
      const more = rejections[listed];
      const summary = {
        ...more,
        message: `and ${rejections.length - listed} more rejections of this message (counted, not listed)`,
      };
      this.source.publish(errors, errorMessage(summary, topic, now), 1);
    }
  }

  private buffer(deviceId: string, topic: string, rejections: readonly Rejection[], at: Date): void {
    for (const r of rejections) {
      const key = `${deviceId}\u0000${r.code}`;
      const delta = this.counts.get(key);
      if (delta) delta.count++;
      else this.counts.set(key, { device_id: deviceId, code: r.code, count: 1, last_at: at });
      if (delta) delta.last_at = at;
    }
    // Only the newest KEEP_PER_DEVICE can survive the trim, so older ones of a big batch are not inserted.
    const from = Math.max(0, rejections.length - KEEP_PER_DEVICE);
    for (let i = from; i < rejections.length && this.rows.length < MAX_BUFFERED_ROWS; i++) {
      const r = rejections[i];
      this.rows.push({
        device_id: deviceId,
        received_at: at,
        code: r.code,
        message: r.message,
        topic,
        seq: r.seq ?? null,
      });
    }
    this.touched.add(deviceId);
  }

  private async flush(): Promise<void> {
    const rows = this.rows;
    const counts = [...this.counts.values()];
    this.rows = [];
    this.counts = new Map();
    let inserted = false;
    try {
      if (rows.length > 0) await this.repo.insert(rows);
      inserted = true;
      if (counts.length > 0) await this.repo.addCounts(counts);
    } catch (err) {
      this.restore(inserted ? [] : rows, counts);
      throw err;
    }
    if (Date.now() - this.lastTrim >= TRIM_MS || this.touched.size > 10_000) await this.trim();
  }

  private async trim(): Promise<void> {
    const devices = [...this.touched];
    this.touched = new Set();
    this.lastTrim = Date.now();
    await this.repo.trim(devices, KEEP_PER_DEVICE);
  }

  /** What a failed flush did not write goes back in front, to be retried with the next one. */
  private restore(rows: RejectionRow[], counts: RejectionCountDelta[]): void {
    this.rows = [...rows, ...this.rows].slice(-MAX_BUFFERED_ROWS);
    for (const c of counts) {
      const key = `${c.device_id}\u0000${c.code}`;
      const now = this.counts.get(key);
      if (now) now.count += c.count;
      else this.counts.set(key, c);
    }
  }
}

function errorMessage(r: Rejection, topic: string, now: number): string {
  const body: DeviceErrorMessage = {
    ts: now,
    code: r.code,
    message: r.message,
    topic,
    ...(r.seq === undefined ? {} : { seq: r.seq }),
  };
  return JSON.stringify(body);
}
