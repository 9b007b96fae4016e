import type { DiskSpool, SpoolSegment } from './disk-spool.js';
import { InfluxError } from './influx-error.js';
import { gunzipLines, gzipLines } from './gzip-body.js';
import type { StoreHealth } from './store-health.js';
import type { WriteStore, WriterLogger } from './telemetry-writer.options.js';
import type { WriteOutcome } from './write-outcome.js';

/** Pause after a replay step failed locally, before the next attempt. */
const REPLAY_ERROR_PAUSE_MS = 1000;

export interface ReplayDeps {
  spool: DiskSpool;
  store: WriteStore;
  health: StoreHealth;
  replayBatchLines: number;
  gzipLevel: number;
  logger: WriterLogger;
  /** Lines the store acknowledged from the spool. */
  replayed(lines: number): void;
  /** Lines the store refused for their content; their segment is gone. */
  rejected(lines: number, error: InfluxError): void;
}

/**
 * Sends spooled segments back to InfluxDB, oldest first, one request at a time, and deletes a segment
 * only after a 2xx. A lone segment is sent as the very bytes that were spooled; consecutive small
 * segments are merged into one request of at most `replayBatchLines` lines, recompressed as a single
 * gzip member. (Concatenated members are valid gzip, RFC 1952 §2.2, and InfluxDB 1.6.7 reads them, but a
 * server that decoded only the first member would answer 204 and silently lose the rest: not worth the
 * ~2 ms of CPU saved per 5,000 lines.)
 */
export class SpoolReplayer {
  private running: Promise<void> | undefined;
  /** After a refused group, segments up to this seq are retried one by one to find the bad one. */
  private isolateThrough = -1;

  constructor(private readonly deps: ReplayDeps) {}

  get active(): boolean {
    return this.running !== undefined;
  }

  /** Replays one group; `done` runs afterwards so the writer can schedule the next. Never rejects. */
  replayNext(done: () => void): void {
    if (this.running) return;
    this.running = this.replayGroup().then(
      () => {
        this.running = undefined;
        done();
      },
      (err: unknown) => {
        // A local failure (disk full while re-spooling, permissions): pause instead of spinning on it.
        this.deps.logger.error({ err }, 'spool replay failed; retrying shortly');
        setTimeout(() => {
          this.running = undefined;
          done();
        }, REPLAY_ERROR_PAUSE_MS).unref();
      },
    );
  }

  /** Resolves when no replay request is in flight. */
  async idle(): Promise<void> {
    await this.running;
  }

  private async replayGroup(): Promise<void> {
    const { spool } = this.deps;
    const oldest = spool.peek(1);
    if (oldest.length === 0) return;
    const group = oldest[0].seq <= this.isolateThrough ? oldest : spool.peek(this.deps.replayBatchLines);
    const bodies = await this.readAll(group);
    if (bodies === undefined) return;
    const body = bodies.length === 1 ? bodies[0] : await this.merge(bodies);
    if (body === undefined) {
      this.isolateThrough = group[group.length - 1].seq; // one of them does not decompress: find it alone
      return;
    }
    await this.settle(group, await this.deps.store.writeGzipped(body));
  }

  private async merge(bodies: Buffer[]): Promise<Buffer | undefined> {
    try {
      const lines = (await Promise.all(bodies.map(gunzipLines))).flat();
      return await gzipLines(lines, this.deps.gzipLevel);
    } catch {
      return undefined;
    }
  }

  private async settle(group: SpoolSegment[], outcome: WriteOutcome): Promise<void> {
    const { spool, health } = this.deps;
    const lines = group.reduce((sum, s) => sum + s.lines, 0);
    switch (outcome.kind) {
      case 'unavailable':
        health.failed(outcome.message);
        return;
      case 'written':
        health.succeeded();
        for (const segment of group) await spool.remove(segment);
        this.deps.replayed(lines);
        return;
      case 'partial':
        health.succeeded();
        for (const segment of group) await spool.remove(segment);
        this.deps.replayed(lines - outcome.dropped);
        this.deps.rejected(
          outcome.dropped,
          new InfluxError('store_rejected', outcome.message, { status: 400 }),
        );
        return;
      case 'rejected':
        health.succeeded();
        if (group.length > 1) this.isolateThrough = group[group.length - 1].seq;
        else await this.bisect(group[0], outcome);
        return;
    }
  }

  /**
   * A segment refused as a whole (InfluxDB 2.x/3.x reject the entire request on the first bad point):
   * re-spool its two halves durably, then delete it. A single refused line is dropped and counted.
   */
  private async bisect(segment: SpoolSegment, outcome: { status: number; message: string }): Promise<void> {
    const { spool, gzipLevel, logger } = this.deps;
    const error = new InfluxError('store_rejected', outcome.message, { status: outcome.status });
    let lines: string[];
    try {
      lines = await gunzipLines(await spool.read(segment));
    } catch (err) {
      await this.quarantine(segment, err);
      return;
    }
    if (lines.length <= 1) {
      logger.warn(
        { line: lines[0]?.slice(0, 300), status: outcome.status, reason: outcome.message },
        'InfluxDB refused a spooled line; dropped',
      );
      await spool.remove(segment);
      this.deps.rejected(Math.max(lines.length, 1), error);
      return;
    }
    const mid = Math.ceil(lines.length / 2);
    await spool.append(await gzipLines(lines.slice(0, mid), gzipLevel), mid);
    await spool.append(await gzipLines(lines.slice(mid), gzipLevel), lines.length - mid);
    await spool.remove(segment);
  }

  private async readAll(group: SpoolSegment[]): Promise<Buffer[] | undefined> {
    const bodies: Buffer[] = [];
    for (const segment of group) {
      try {
        bodies.push(await this.deps.spool.read(segment));
      } catch (err) {
        await this.quarantine(segment, err);
        return undefined;
      }
    }
    return bodies;
  }

  private async quarantine(segment: SpoolSegment, err: unknown): Promise<void> {
    this.deps.logger.error(
      { err, file: segment.file, lines: segment.lines },
      'unreadable spool segment set aside as .corrupt',
    );
    await this.deps.spool.quarantine(segment);
    this.deps.rejected(
      segment.lines,
      new InfluxError('spool_failed', `unreadable spool segment ${segment.file}`, { cause: err }),
    );
  }
}
