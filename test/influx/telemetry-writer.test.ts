import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { InfluxHttp, TelemetryQueries, TelemetryWriter, encodeReadingLine } from '#influx';
import { createTestInfluxDb, type TestInfluxDb } from '../support/influx.js';
import { deviceName, reading, readingLines, writeEach } from './fixtures.js';

describe('TelemetryWriter against the real InfluxDB', () => {
  let db: TestInfluxDb;
  let influx: InfluxHttp;
  let queries: TelemetryQueries;
  let spoolDir: string;
  let writer: TelemetryWriter;

  beforeEach(async () => {
    db = await createTestInfluxDb();
    influx = new InfluxHttp({ url: db.url, database: db.database, timeoutMs: 10_000 });
    queries = new TelemetryQueries(influx);
    spoolDir = await mkdtemp(join(tmpdir(), 'lifeline-writer-it-'));
  });
  afterEach(async () => {
    await writer?.close();
    influx.close();
    await db.drop();
    await rm(spoolDir, { recursive: true, force: true });
  });

  async function startWriter(options: { batchSize?: number } = {}): Promise<TelemetryWriter> {
    writer = new TelemetryWriter(influx, {
      spoolDir,
      flushIntervalMs: 50,
      logger: pino({ level: 'silent' }),
      ...options,
    });
    await writer.start();
    return writer;
  }

  it('stores every one of N readings written one call each: exactly N points and every seq', async () => {
    await startWriter();
    const devices = 40;
    const perDevice = 500;
    const errors = await writeEach(writer, readingLines(devices, perDevice));
    expect(errors.filter(Boolean)).toEqual([]);

    expect(await queries.countPoints()).toBe(devices * perDevice);
    const perDeviceCounts = await queries.seqCountsByDevice();
    expect(perDeviceCounts.size).toBe(devices);
    for (let d = 0; d < devices; d++) {
      expect(perDeviceCounts.get(deviceName(d))).toEqual({ points: perDevice, distinctSeq: perDevice });
    }
    expect(await queries.distinctSeqCount(deviceName(7))).toBe(perDevice);
    expect(writer.stats()).toMatchObject({
      bufferedLines: 0,
      spool: { segments: 0 },
      totals: { written: devices * perDevice, spooled: 0 },
    });
  });

  it('stores a multi-line call (a device backlog) as one durable unit', async () => {
    await startWriter({ batchSize: 64 }); // the backlog spans several batches
    const backlog = Array.from({ length: 1000 }, (_, seq) =>
      encodeReadingLine(reading({ seq, quality: 'backfill' })),
    );
    const err = await new Promise<Error | undefined>((resolve) => writer.write(backlog, resolve));
    expect(err).toBeUndefined();
    expect(await queries.countPoints({ deviceId: 'GAS-DEV-0001' })).toBe(1000);
  });

  it('counts a refused batch as rejected, tells its caller, and keeps writing later batches', async () => {
    await startWriter();
    // 1.x: a body in which nothing parses is refused as a whole (400 without "partial write").
    const bad = await new Promise<Error | undefined>((resolve) =>
      writer.write(['garbage one', 'garbage two'], resolve),
    );
    expect(bad).toMatchObject({ code: 'store_rejected' });
    expect(writer.stats().totals.rejected).toBe(2);

    // 1.x: a bad line among good ones is a partial write: the good points are stored.
    const mixed = [
      encodeReadingLine(reading({ seq: 1 })),
      'garbage three',
      encodeReadingLine(reading({ seq: 2 })),
    ];
    await writeEach(writer, mixed);
    expect(writer.stats().totals.rejected).toBe(3);

    const later = await writeEach(writer, readingLines(3, 10, 100));
    expect(later.filter(Boolean)).toEqual([]);
    expect(await queries.countPoints()).toBe(2 + 30);
  });
});
