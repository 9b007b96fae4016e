import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { gunzipLines, gzipLines } from './gzip-body.js';
import { InfluxError } from './influx-error.js';
import { TelemetryWriter } from './telemetry-writer.js';
import type { TelemetryWriterOptions, WriteStore } from './telemetry-writer.options.js';
import type { WriteOutcome } from './write-outcome.js';

/**
 * An in-memory store with InfluxDB 2.x semantics: a body with any line containing "BAD" is refused as
 * a whole (400). `down` makes every call fail like a refused connection; `hold` parks writes until released.
 */
class FakeStore implements WriteStore {
  readonly stored: string[] = [];
  down = false;
  hold = false;
  /** Fail this many writes as unavailable while pings still succeed (a flapping store). */
  failWrites = 0;
  requests = 0;
  inFlight = 0;
  maxInFlight = 0;
  private parked: (() => void)[] = [];

  async writeGzipped(body: Buffer): Promise<WriteOutcome> {
    this.requests++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.hold) await new Promise<void>((resolve) => this.parked.push(resolve));
      if (this.down) return { kind: 'unavailable', message: 'ECONNREFUSED' };
      if (this.failWrites > 0) {
        this.failWrites--;
        return { kind: 'unavailable', status: 503, message: 'HTTP 503' };
      }
      const lines = await gunzipLines(body).catch(() => undefined);
      if (lines === undefined) return { kind: 'rejected', status: 400, message: 'unexpected EOF' }; // as 1.6.7 answers
      if (lines.some((l) => l.includes('BAD')))
        return { kind: 'rejected', status: 400, message: 'unable to parse BAD' };
      this.stored.push(...lines);
      return { kind: 'written' };
    } finally {
      this.inFlight--;
    }
  }

  async ping(): Promise<boolean> {
    return !this.down;
  }

  release(): void {
    this.hold = false;
    this.parked.splice(0).forEach((resolve) => resolve());
  }
}

const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Resolves with the callback's error (or undefined) once it fires. */
const durable = (writer: TelemetryWriter, batch: readonly string[]) =>
  new Promise<Error | undefined>((resolve) => writer.write(batch, resolve));

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('TelemetryWriter (fake store)', () => {
  let dir: string;
  let store: FakeStore;
  const writers: TelemetryWriter[] = [];

  async function started(options: Partial<TelemetryWriterOptions> = {}): Promise<TelemetryWriter> {
    const writer = new TelemetryWriter(store, {
      spoolDir: dir,
      batchSize: 5,
      flushIntervalMs: 20,
      probeMinMs: 10,
      probeMaxMs: 20,
      logger: pino({ level: 'silent' }),
      ...options,
    });
    writers.push(writer);
    await writer.start();
    return writer;
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lifeline-writer-'));
    store = new FakeStore();
  });
  afterEach(async () => {
    store.release();
    await Promise.all(writers.splice(0).map((w) => w.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('cuts batches at batchSize, flushes the remainder on the timer, and fires each callback once', async () => {
    const writer = await started();
    const calls: (Error | undefined)[] = [];
    writer.write(lines('a', 7), (err) => calls.push(err));
    writer.write(lines('b', 5), (err) => calls.push(err));
    await until(() => calls.length === 2, 'both callbacks');
    expect(calls).toEqual([undefined, undefined]);
    expect(store.stored).toEqual([...lines('a', 7), ...lines('b', 5)]);
    expect(store.requests).toBe(3); // 5 + 5 + the 2 left for the flush timer
    expect(writer.stats().totals).toMatchObject({ written: 12, spooled: 0 });
  });

  it('never has more than maxInFlight requests open, and spools beyond maxBufferedLines', async () => {
    const writer = await started({ maxInFlight: 2, maxBufferedLines: 10 });
    store.hold = true;
    const done = Array.from({ length: 6 }, (_, i) => durable(writer, lines(`c${i}-`, 5)));
    // 2 in flight, 2 waiting (10 lines, the bound), the last 2 straight to the spool.
    await until(() => writer.stats().spool.segments === 2, 'two spooled batches');
    expect(writer.stats()).toMatchObject({ inFlightBatches: 2, bufferedLines: 10 });
    store.release();
    expect(await Promise.all(done)).toEqual(Array(6).fill(undefined));
    await until(() => writer.stats().spool.segments === 0, 'replay');
    expect(store.maxInFlight).toBe(2);
    expect(new Set(store.stored).size).toBe(30);
  });

  it('spools during an outage, acknowledges from the spool, and replays in order when the store returns', async () => {
    const writer = await started();
    store.down = true;
    const errors = await Promise.all([durable(writer, lines('d', 8)), durable(writer, lines('e', 3))]);
    expect(errors).toEqual([undefined, undefined]);
    expect(writer.stats()).toMatchObject({ storeAvailable: false, spool: { lines: 11 } });
    store.down = false;
    await until(() => writer.stats().spool.segments === 0, 'replay');
    expect(store.stored).toEqual([...lines('d', 8), ...lines('e', 3)]);
    expect(writer.stats().totals).toMatchObject({ spooled: 11, replayed: 11, written: 0 });
  });

  it('keeps a segment whose replay fails, and replays it once the store really takes writes', async () => {
    const writer = await started();
    store.down = true;
    expect(await durable(writer, lines('s', 5))).toBeUndefined();
    store.failWrites = 2; // pings answer, but the first two replay attempts get 503
    store.down = false;
    await until(() => writer.stats().spool.segments === 0, 'replay');
    expect(store.requests).toBeGreaterThanOrEqual(3);
    expect(store.stored).toEqual(lines('s', 5));
    expect(writer.stats().totals).toMatchObject({ spooled: 5, replayed: 5 });
  });

  it('on start() replays what a previous run left, setting an unreadable segment aside', async () => {
    await writeFile(join(dir, '000000000000-2.lp.gz'), await gzipLines(['old0', 'old1']));
    await writeFile(join(dir, '000000000001-3.lp.gz'), 'torn by a disk fault');
    await writeFile(join(dir, '000000000002-1.lp.gz'), await gzipLines(['old2']));
    const writer = await started();
    await until(() => writer.stats().spool.segments === 0, 'replay');
    expect(store.stored).toEqual(['old0', 'old1', 'old2']);
    expect(writer.stats().totals).toMatchObject({ replayed: 3, rejected: 3 });
    expect(await readdir(dir)).toContain('000000000001-3.lp.gz.corrupt');
  });

  it('isolates a line refused as a whole-batch 400, stores the rest, and tells only its caller', async () => {
    const writer = await started({ batchSize: 8 });
    const good1 = durable(writer, lines('g', 3));
    const bad = durable(writer, ['BAD line', 'fine line']);
    const good2 = durable(writer, lines('h', 3));
    expect(await good1).toBeUndefined();
    expect(await good2).toBeUndefined();
    const err = await bad;
    expect(err).toBeInstanceOf(InfluxError);
    expect((err as InfluxError).code).toBe('store_rejected');
    expect(store.stored.sort()).toEqual([...lines('g', 3), 'fine line', ...lines('h', 3)].sort());
    expect(writer.stats().totals.rejected).toBe(1);
    // Later batches are not blocked.
    expect(await durable(writer, ['after'])).toBeUndefined();
  });

  it('bisects a refused spooled segment on replay, keeping the good lines', async () => {
    const writer = await started({ batchSize: 4 });
    store.down = true;
    expect(await durable(writer, ['r0', 'r1', 'BAD r2', 'r3'])).toBeUndefined(); // durable = spooled
    store.down = false;
    await until(() => writer.stats().spool.segments === 0, 'replay');
    expect(store.stored.sort()).toEqual(['r0', 'r1', 'r3']);
    expect(writer.stats().totals).toMatchObject({ rejected: 1, replayed: 3 });
  });

  it('close() with the store down leaves nothing in memory: everything is spooled and survives', async () => {
    const writer = await started({ batchSize: 1000, flushIntervalMs: 1000 });
    store.down = true;
    const pending = durable(writer, lines('k', 42));
    await writer.close();
    expect(await pending).toBeUndefined();
    expect(writer.stats()).toMatchObject({ bufferedLines: 0, inFlightBatches: 0, spool: { lines: 42 } });
    expect(await durable(writer, ['late'])).toMatchObject({ code: 'writer_closed' });

    store.down = false;
    const next = await started();
    await until(() => next.stats().spool.segments === 0, 'replay by the next writer');
    expect(store.stored).toEqual(lines('k', 42));
  });

  it('flush() resolves once earlier lines are durable', async () => {
    const writer = await started({ batchSize: 1000, flushIntervalMs: 1000 });
    writer.write(lines('f', 3), () => undefined);
    await writer.flush();
    expect(store.stored).toEqual(lines('f', 3));
  });

  it('tells callers that write before start() is refused', async () => {
    const writer = new TelemetryWriter(store, { spoolDir: dir, logger: pino({ level: 'silent' }) });
    expect(await durable(writer, ['x'])).toMatchObject({ code: 'writer_not_started' });
  });

  it.each<[string, Partial<TelemetryWriterOptions>]>([
    ['flushIntervalMs above 1 s', { flushIntervalMs: 1500 }],
    ['zero maxInFlight', { maxInFlight: 0 }],
    ['a memory bound below one batch', { batchSize: 100, maxBufferedLines: 50 }],
    ['an empty spoolDir', { spoolDir: '' }],
  ])('refuses %s', (_name, options) => {
    expect(() => new TelemetryWriter(store, { spoolDir: dir, ...options })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }) as Error,
    );
  });
});
