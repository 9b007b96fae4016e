/** Called once per `write()` call, when all of its lines are durable, or with the first error. */
export type DurableCallback = (err?: Error) => void;

/** One `write()` call whose lines may be spread over several batches. */
export interface PendingWrite {
  remaining: number;
  error: Error | undefined;
  readonly onDurable: DurableCallback;
}

/**
 * A batch of lines on its way to InfluxDB or the spool. `writes[i]` contributed `counts[i]` consecutive
 * lines, in order; that is the only per-call bookkeeping, so the hot path allocates one PendingWrite per
 * `write()` call and nothing per line.
 */
export interface Batch {
  /** Batches cut earlier have smaller ids; the halves of a split batch keep their parent's id. */
  readonly id: number;
  readonly lines: string[];
  readonly writes: PendingWrite[];
  readonly counts: number[];
  /** `performance.now()` when the batch's first line was buffered: the start of its store latency. */
  readonly since: number;
  /** The gzipped body, kept once computed so a failed send spools the very same bytes. */
  body?: Buffer;
}

/**
 * Settles every line of the batch: each call's countdown drops by the lines it had here and its callback
 * fires when it reaches zero, with the first error any of its lines met. A throwing callback is reported
 * to `onCallbackError` and does not stop the others.
 */
export function settleBatch(
  batch: Batch,
  error: Error | undefined,
  onCallbackError: (err: unknown) => void,
): void {
  for (let i = 0; i < batch.writes.length; i++) {
    const write = batch.writes[i];
    if (error !== undefined && write.error === undefined) write.error = error;
    write.remaining -= batch.counts[i];
    if (write.remaining !== 0) continue;
    try {
      write.onDurable(write.error);
    } catch (err) {
      onCallbackError(err);
    }
  }
}

/** Splits a batch before line `at` (0 < at < lines), dividing the calls' line counts accordingly. */
export function splitBatch(batch: Batch, at: number): [Batch, Batch] {
  if (!Number.isInteger(at) || at <= 0 || at >= batch.lines.length) {
    throw new RangeError(`cannot split a batch of ${batch.lines.length} lines at ${at}`);
  }
  const head = { writes: [] as PendingWrite[], counts: [] as number[] };
  const tail = { writes: [] as PendingWrite[], counts: [] as number[] };
  let seen = 0;
  for (let i = 0; i < batch.writes.length; i++) {
    const count = batch.counts[i];
    const inHead = Math.min(count, Math.max(0, at - seen));
    if (inHead > 0) {
      head.writes.push(batch.writes[i]);
      head.counts.push(inHead);
    }
    if (count - inHead > 0) {
      tail.writes.push(batch.writes[i]);
      tail.counts.push(count - inHead);
    }
    seen += count;
  }
  const { id, since } = batch;
  return [
    { id, since, lines: batch.lines.slice(0, at), ...head },
    { id, since, lines: batch.lines.slice(at), ...tail },
  ];
}
