import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { StoredReading } from '#influx';
import { ReadingsBus } from '../../ingest/readings-bus.js';
import { BatchProcessor } from './batch-processor.js';
import { EngineMetrics } from './engine-metrics.js';
import { EngineQueue } from './engine-queue.js';
import { RuleStateStore } from './rule-state.store.js';

/** ~100 s of the 5,000 readings/s target: enough to ride out a PostgreSQL restart. */
const MAX_QUEUED = 500_000;
/** How often an idle engine looks for rule states to write behind. */
const IDLE_TICK_MS = 250;
const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 10_000;
/** At shutdown, give up on a database that keeps failing after this many retries. */
const SHUTDOWN_RETRIES = 3;

/**
 * The rule engine of the ingest role. The ReadingsBus listener only queues (it runs on the ingest's hot
 * path); one pump drains the queue batch by batch, so each asset's readings are evaluated and their
 * alarm changes committed strictly in order, and rule states are written behind at most every second.
 */
@Injectable()
export class AlarmEngine implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AlarmEngine.name);
  private readonly queue = new EngineQueue(MAX_QUEUED);
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private backoffMs = MIN_BACKOFF_MS;
  private stopping = false;

  constructor(
    private readonly bus: ReadingsBus,
    private readonly processor: BatchProcessor,
    private readonly states: RuleStateStore,
    private readonly metrics: EngineMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.bus.subscribe((readings) => this.accept(readings));
    this.timer = setInterval(() => this.kick(), IDLE_TICK_MS);
    this.timer.unref();
  }

  /** Drains what is queued and writes every rule state, so a restart resumes where this process stopped. */
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    clearInterval(this.timer);
    this.stopping = true;
    await this.idle();
    await this.states.flush(Date.now(), true);
    if (this.queue.size > 0)
      this.logger.warn({ msg: 'engine stopped with unevaluated readings', readings: this.queue.size });
  }

  /** Queues readings from the bus (synchronous, no I/O). */
  accept(readings: readonly StoredReading[]): void {
    const dropped = this.queue.push(readings, Date.now());
    if (dropped > 0) this.metrics.dropped.inc(dropped);
    this.metrics.queued.set(this.queue.size);
    this.kick();
  }

  /** Resolves once everything queued so far has been evaluated and its alarm changes committed. */
  async idle(): Promise<void> {
    for (;;) {
      this.kick();
      if (!this.running) return;
      await this.running;
      if (this.stopping && this.queue.size > 0) return;
    }
  }

  private kick(): void {
    if (this.running || (this.queue.size === 0 && !this.states.flushDue(Date.now()))) return;
    this.running = this.pump()
      .catch((err: unknown) => this.logger.error({ msg: 'engine pump failed', err: String(err) }))
      .finally(() => {
        this.running = null;
        // Readings queued during the final flush have no pump yet.
        if (!this.stopping && this.queue.size > 0) this.kick();
      });
  }

  private async pump(): Promise<void> {
    let retries = 0;
    while (this.queue.size > 0) {
      const failed = await this.processor.process(this.queue.take());
      for (const [assetId, items] of failed) this.queue.requeue(assetId, items);
      this.metrics.queued.set(this.queue.size);
      await this.states.flush(Date.now());
      if (failed.size === 0) {
        this.backoffMs = MIN_BACKOFF_MS;
        continue;
      }
      if (this.stopping && ++retries > SHUTDOWN_RETRIES) return;
      await sleep(this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    }
    await this.states.flush(Date.now());
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
