import { performance } from 'node:perf_hooks';
import type { Batch, DurableCallback, PendingWrite } from './write-batch.js';

/**
 * The open batch: lines accumulate until `batchSize` is reached or `flushIntervalMs` has passed since the
 * first of them arrived, whichever comes first, and are then handed to `onBatch`. The interval bounds how
 * long any line waits in memory (the "flushed within 1 s").
 */
export class LineBuffer {
  private lines: string[] = [];
  private writes: PendingWrite[] = [];
  private counts: number[] = [];
  private since = 0;
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;

  constructor(
    private readonly batchSize: number,
    private readonly flushIntervalMs: number,
    private readonly onBatch: (batch: Batch) => void,
  ) {}

  /** Lines waiting in the open batch. */
  get length(): number {
    return this.lines.length;
  }

  /** Id of the most recent batch handed out (0 before the first). */
  get lastBatchId(): number {
    return this.nextId - 1;
  }

  /** Buffers one call's lines, cutting as many full batches as they fill. One PendingWrite per call. */
  add(lines: readonly string[], onDurable: DurableCallback): void {
    const write: PendingWrite = { remaining: lines.length, error: undefined, onDurable };
    let from = 0;
    while (from < lines.length) {
      if (this.lines.length === 0) this.open();
      const take = Math.min(this.batchSize - this.lines.length, lines.length - from);
      for (let i = from; i < from + take; i++) this.lines.push(lines[i]);
      this.writes.push(write);
      this.counts.push(take);
      from += take;
      if (this.lines.length >= this.batchSize) this.cut();
    }
  }

  /** Hands the open batch, if any, to `onBatch` now. */
  cut(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lines.length === 0) return;
    const batch: Batch = {
      id: this.nextId++,
      lines: this.lines,
      writes: this.writes,
      counts: this.counts,
      since: this.since,
    };
    this.lines = [];
    this.writes = [];
    this.counts = [];
    this.onBatch(batch);
  }

  private open(): void {
    this.since = performance.now();
    this.timer = setTimeout(() => this.cut(), this.flushIntervalMs);
  }
}
