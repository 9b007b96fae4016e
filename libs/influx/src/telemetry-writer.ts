import { performance } from 'node:perf_hooks';
import { BatchLedger } from './batch-ledger.js';
import { DiskSpool } from './disk-spool.js';
import { InfluxError } from './influx-error.js';
import { gzipLines } from './gzip-body.js';
import { LineBuffer } from './line-buffer.js';
import { SpoolReplayer } from './spool-replayer.js';
import { StoreHealth } from './store-health.js';
import {
  resolveWriterOptions,
  type ResolvedWriterOptions,
  type TelemetryWriterOptions,
  type TelemetryWriterStats,
  type WriteStore,
} from './telemetry-writer.options.js';
import { settleBatch, splitBatch, type Batch, type DurableCallback } from './write-batch.js';
import type { WriteOutcome } from './write-outcome.js';
import { WriterSignals } from './writer-signals.js';

type Lifecycle = 'new' | 'running' | 'closing' | 'closed';

/**
 * Batched, bounded, durable writer of line protocol (docs/decisions/0002 and 0003).
 *
 * Lines are buffered and cut into batches of `batchSize`, or after `flushIntervalMs`; at most
 * `maxInFlight` gzipped `/write` requests run at once. A batch InfluxDB cannot take (outage) goes to the
 * disk spool, and so does every batch while InfluxDB is down or once `maxBufferedLines` wait in memory.
 * `write`'s callback fires when all of the call's lines are durable: acknowledged 2xx, or fsynced in the
 * spool. The spool is replayed, oldest first, whenever InfluxDB answers again.
 */
export class TelemetryWriter {
  private readonly o: ResolvedWriterOptions;
  private readonly spool: DiskSpool;
  private readonly health: StoreHealth;
  private readonly replayer: SpoolReplayer;
  private readonly buffer: LineBuffer;
  private readonly ledger = new BatchLedger();
  private readonly signals: WriterSignals;
  private state: Lifecycle = 'new';
  private closing: Promise<void> | undefined;
  /** Cut batches waiting for a free request slot, oldest first. */
  private readonly waiting: Batch[] = [];
  private waitingLines = 0;
  private sending = 0;

  constructor(
    private readonly store: WriteStore,
    options: TelemetryWriterOptions,
  ) {
    this.o = resolveWriterOptions(options);
    this.signals = new WriterSignals(this.o.events, this.o.logger);
    this.buffer = new LineBuffer(this.o.batchSize, this.o.flushIntervalMs, (batch) => this.dispatch(batch));
    this.spool = new DiskSpool(this.o.spoolDir);
    this.health = new StoreHealth({
      ping: () => store.ping(),
      minMs: this.o.probeMinMs,
      maxMs: this.o.probeMaxMs,
      onUp: () => this.storeUp(),
      onDown: (reason) => this.storeDown(reason),
    });
    this.replayer = new SpoolReplayer({
      spool: this.spool,
      store,
      health: this.health,
      replayBatchLines: this.o.replayBatchLines,
      gzipLevel: this.o.gzipLevel,
      logger: this.o.logger,
      replayed: (lines) => this.signals.count('replayed', lines, 'onReplayed', lines),
      rejected: (lines, error) => this.signals.count('rejected', lines, 'onRejected', lines, error),
    });
  }

  /** Opens the spool and starts replaying whatever a previous run left in it. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new InfluxError('invalid_config', 'TelemetryWriter.start() called twice');
    await this.spool.open();
    this.state = 'running';
    const left = this.spool.stats();
    if (left.segments > 0) this.o.logger.info({ ...left }, 'replaying telemetry spooled by a previous run');
    this.pump();
  }

  /**
   * Queues lines (each a single line of line protocol, as `encodeReadingLine` makes them; the array is
   * copied, so the caller may reuse it). `onDurable` fires once, never synchronously, when every line is
   * durable, or with an InfluxError: `store_rejected` (InfluxDB refused a line; acknowledging is still
   * right, resending would fail again), `spool_failed` (not durable: do not acknowledge),
   * `writer_closed` / `writer_not_started`.
   */
  write(lines: readonly string[], onDurable: DurableCallback): void {
    if (this.state !== 'running') {
      const code = this.state === 'new' ? 'writer_not_started' : 'writer_closed';
      process.nextTick(onDurable, new InfluxError(code, `telemetry writer is ${this.state}`));
    } else if (lines.length === 0) {
      process.nextTick(onDurable);
    } else {
      this.buffer.add(lines, onDurable);
    }
  }

  /** Resolves when every line written before the call is durable (in InfluxDB or the spool). */
  async flush(): Promise<void> {
    this.buffer.cut();
    await this.ledger.whenSettledThrough(this.buffer.lastBatchId);
  }

  /** Stops accepting lines, makes everything durable, stops probing and releases the spool. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  stats(): TelemetryWriterStats {
    return {
      bufferedLines: this.buffer.length + this.waitingLines,
      inFlightBatches: this.inFlight(),
      storeAvailable: this.health.available,
      spool: this.spool.stats(),
      totals: this.signals.snapshot(),
    };
  }

  private async shutdown(): Promise<void> {
    if (this.state === 'new') {
      this.state = 'closed';
      return;
    }
    this.state = 'closing';
    await this.flush();
    this.health.stop();
    await this.replayer.idle();
    await this.spool.close();
    this.state = 'closed';
  }

  /** A freshly cut batch: send it, queue it, or spool it (store down, or memory bound reached). */
  private dispatch(batch: Batch): void {
    this.ledger.opened(batch.id);
    if (!this.health.available) void this.toSpool(batch);
    else if (this.waiting.length === 0 && this.inFlight() < this.o.maxInFlight) void this.send(batch);
    else if (this.waitingLines + batch.lines.length > this.o.maxBufferedLines) void this.toSpool(batch);
    else {
      this.enqueue(batch, false);
      this.pump();
    }
  }

  private enqueue(batch: Batch, first: boolean): void {
    if (first) this.waiting.unshift(batch);
    else this.waiting.push(batch);
    this.waitingLines += batch.lines.length;
  }

  /** Starts whatever the free request slots allow: waiting batches first, then one replay. */
  private pump(): void {
    if (!this.health.available) {
      for (const batch of this.waiting.splice(0)) void this.toSpool(batch);
      this.waitingLines = 0;
      return;
    }
    while (this.waiting.length > 0 && this.inFlight() < this.o.maxInFlight) {
      const batch = this.waiting.shift()!;
      this.waitingLines -= batch.lines.length;
      void this.send(batch);
    }
    const idleSlot = this.waiting.length === 0 && this.inFlight() < this.o.maxInFlight;
    if (idleSlot && this.state === 'running' && !this.replayer.active && !this.spool.isEmpty) {
      this.replayer.replayNext(() => this.pump());
    }
  }

  private inFlight(): number {
    return this.sending + (this.replayer.active ? 1 : 0);
  }

  private async send(batch: Batch): Promise<void> {
    this.sending++;
    let outcome: WriteOutcome;
    try {
      batch.body ??= await gzipLines(batch.lines, this.o.gzipLevel);
      outcome = await this.store.writeGzipped(batch.body);
    } catch (err) {
      // Only a failing gzip can land here (writeGzipped never rejects); keep the lines by spooling them.
      outcome = { kind: 'unavailable', message: String(err) };
    }
    this.sending--;
    this.handleOutcome(batch, outcome);
    this.pump();
  }

  private handleOutcome(batch: Batch, outcome: WriteOutcome): void {
    const n = batch.lines.length;
    switch (outcome.kind) {
      case 'written':
        this.health.succeeded();
        this.signals.count('written', n, 'onBatchWritten', n, performance.now() - batch.since);
        this.settle(batch);
        return;
      case 'partial': {
        this.health.succeeded();
        const error = new InfluxError('store_rejected', outcome.message, { status: 400 });
        const { dropped } = outcome;
        this.o.logger.warn(
          { lines: n, dropped, reason: outcome.message },
          'InfluxDB dropped part of a batch',
        );
        this.signals.count(
          'written',
          n - dropped,
          'onBatchWritten',
          n - dropped,
          performance.now() - batch.since,
        );
        this.signals.count('rejected', dropped, 'onRejected', dropped, error);
        this.settle(batch);
        return;
      }
      case 'rejected':
        this.health.succeeded();
        this.narrowDown(batch, outcome);
        return;
      case 'unavailable':
        this.health.failed(outcome.message);
        void this.toSpool(batch);
        return;
    }
  }

  /**
   * A batch refused as a whole for its content: bisect it so the good lines still get written and only
   * the bad ones are dropped (InfluxDB 2.x/3.x refuse the entire request on the first bad point). A
   * single bad line costs about 2·log2(batchSize) extra requests.
   */
  private narrowDown(batch: Batch, outcome: { status: number; message: string }): void {
    if (batch.lines.length > 1) {
      const [head, tail] = splitBatch(batch, Math.ceil(batch.lines.length / 2));
      this.ledger.split(batch.id);
      this.enqueue(tail, true);
      this.enqueue(head, true);
      return;
    }
    const error = new InfluxError('store_rejected', outcome.message, { status: outcome.status });
    const line = batch.lines[0].slice(0, 300);
    this.o.logger.warn(
      { line, status: outcome.status, reason: outcome.message },
      'InfluxDB refused a line; dropped',
    );
    this.signals.count('rejected', 1, 'onRejected', 1, error);
    this.settle(batch, error);
  }

  private async toSpool(batch: Batch): Promise<void> {
    const n = batch.lines.length;
    try {
      batch.body ??= await gzipLines(batch.lines, this.o.gzipLevel);
      await this.spool.append(batch.body, n);
      this.signals.count('spooled', n, 'onSpooled', n);
      this.settle(batch);
    } catch (err) {
      const error =
        err instanceof InfluxError ? err : new InfluxError('spool_failed', String(err), { cause: err });
      this.o.logger.error(
        { err: error, lines: n },
        'could not spool telemetry; callers are told it is not durable',
      );
      this.settle(batch, error);
    }
    this.pump();
  }

  private settle(batch: Batch, error?: Error): void {
    settleBatch(batch, error, (err) => this.o.logger.error({ err }, 'a write callback threw'));
    this.ledger.settled(batch.id);
  }

  private storeDown(reason: string): void {
    this.o.logger.warn({ reason }, 'InfluxDB unavailable; spooling telemetry to disk');
    this.signals.emit('onStoreDown', reason);
  }

  private storeUp(): void {
    this.o.logger.info({ spool: this.spool.stats() }, 'InfluxDB reachable again; replaying the spool');
    this.signals.emit('onStoreUp');
    this.pump();
  }
}
