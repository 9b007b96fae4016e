import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { InfluxHttp, TelemetryQueries, TelemetryWriter, type TelemetryWriterOptions } from '#influx';
import { startPrivateInfluxd, type PrivateInfluxd } from '../support/influx.js';
import { deviceName, readingLines, sleep, waitFor, writeEach } from './fixtures.js';

/**
 * InfluxDB going away and coming back, with an influxd of the test's own (the shared one stays up).
 * The outage lasts seconds, not the 30 s of benchmark S: the mechanism is the same, the suite stays fast.
 */
describe('TelemetryWriter across InfluxDB outages and service restarts', () => {
  let influxd: PrivateInfluxd;
  let influx: InfluxHttp;
  let queries: TelemetryQueries;
  let spoolDir: string;
  const writers: TelemetryWriter[] = [];
  const database = 'outage';

  beforeAll(async () => {
    influxd = await startPrivateInfluxd();
    influx = new InfluxHttp({ url: influxd.url, database, timeoutMs: 2000 });
  });
  afterAll(async () => {
    influx.close();
    await influxd.remove();
  });
  beforeEach(async () => {
    if (!(await influx.ping())) await influxd.start();
    await influx.command(`DROP DATABASE "${database}"`);
    expect(await influx.ensureDatabase()).toBe(true);
    queries = new TelemetryQueries(influx);
    spoolDir = await mkdtemp(join(tmpdir(), 'lifeline-outage-'));
  });
  afterEach(async () => {
    await Promise.all(writers.splice(0).map((w) => w.close()));
    await rm(spoolDir, { recursive: true, force: true });
  });

  async function startWriter(options: Partial<TelemetryWriterOptions> = {}): Promise<TelemetryWriter> {
    const writer = new TelemetryWriter(influx, {
      spoolDir,
      flushIntervalMs: 50,
      probeMinMs: 100,
      probeMaxMs: 500,
      logger: pino({ level: 'silent' }),
      ...options,
    });
    writers.push(writer);
    await writer.start();
    return writer;
  }

  it('loses nothing and stores nothing twice when InfluxDB stops and starts under continuous writes', async () => {
    const writer = await startWriter();
    const devices = 20;
    const callbacks: Promise<(Error | undefined)[]>[] = [];
    let seq = 0;
    const produce = async (ms: number) => {
      for (const until = Date.now() + ms; Date.now() < until; seq += 5) {
        callbacks.push(writeEach(writer, readingLines(devices, 5, seq))); // ~100 readings per 20 ms
        await sleep(20);
      }
    };

    await produce(800);
    await influxd.stop();
    await produce(2000);
    await influxd.start();
    await produce(800);

    const errors = (await Promise.all(callbacks)).flat();
    expect(errors).toHaveLength(devices * seq);
    expect(errors.filter(Boolean)).toEqual([]);
    await waitFor(() => writer.stats().spool.segments === 0, 'the spool to drain');

    const { totals } = writer.stats();
    expect(totals.spooled).toBeGreaterThan(0); // the outage really happened
    expect(totals.replayed).toBe(totals.spooled);
    expect(totals.written + totals.replayed).toBe(devices * seq);
    const counts = await queries.seqCountsByDevice();
    for (let d = 0; d < devices; d++)
      expect(counts.get(deviceName(d))).toEqual({ points: seq, distinctSeq: seq });
    expect((await readdir(spoolDir)).filter((f) => f.endsWith('.lp.gz'))).toEqual([]);
  });

  it('keeps readings written during an outage across a restart of the service, and replays them on start()', async () => {
    await influxd.stop();
    const first = await startWriter();
    const lines = readingLines(10, 500);
    const errors = await writeEach(first, lines);
    expect(errors.filter(Boolean)).toEqual([]); // acknowledged: they are on disk
    await first.close();
    expect(first.stats()).toMatchObject({
      bufferedLines: 0,
      inFlightBatches: 0,
      spool: { lines: lines.length },
    });

    await influxd.start();
    const second = await startWriter();
    await waitFor(() => second.stats().spool.segments === 0, 'the next run to replay the spool');
    expect(second.stats().totals.replayed).toBe(lines.length);
    expect(await queries.countPoints()).toBe(lines.length);
    expect(await queries.distinctSeqCount(deviceName(3))).toBe(500);
  });

  it('survives InfluxDB being killed mid-write (SIGKILL) as well as stopped', async () => {
    const writer = await startWriter({ batchSize: 500 });
    const first = writeEach(writer, readingLines(10, 200));
    await influxd.kill();
    const during = writeEach(writer, readingLines(10, 200, 200));
    expect((await Promise.all([first, during])).flat().filter(Boolean)).toEqual([]);
    await influxd.start();
    await waitFor(() => writer.stats().spool.segments === 0, 'the spool to drain');
    expect(await queries.countPoints()).toBe(4000);
  });
});
