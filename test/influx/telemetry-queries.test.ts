import { InfluxHttp, TelemetryQueries, encodeReadingLine } from '#influx';
import { createTestInfluxDb, type TestInfluxDb } from '../support/influx.js';
import { reading } from './fixtures.js';

const T0 = 1_763_798_400_000; // a whole hour, so 1-minute buckets start at T0

describe('TelemetryQueries against the real InfluxDB', () => {
  let db: TestInfluxDb;
  let influx: InfluxHttp;
  let queries: TelemetryQueries;

  beforeAll(async () => {
    db = await createTestInfluxDb();
    influx = new InfluxHttp({ url: db.url, database: db.database, timeoutMs: 10_000 });
    queries = new TelemetryQueries(influx);
    const at = (deviceId: string, assetId: string, seq: number, offsetS: number, ch4: number) =>
      encodeReadingLine(
        reading({ deviceId, assetId, seq, ts: T0 + offsetS * 1000, metrics: { ch4_lel: ch4 } }),
      );
    const outcome = await influx.writeLines([
      // asset A, device 1: minute 0 → 1, 3; minute 1 → 10
      at('DEV-1', 'ASSET-A', 1, 0, 1),
      at('DEV-1', 'ASSET-A', 2, 30, 3),
      at('DEV-1', 'ASSET-A', 3, 60, 10),
      // asset A, device 2: minute 0 → 5
      at('DEV-2', 'ASSET-A', 1, 10, 5),
      // another asset, and a point after the range: neither may show up
      at('DEV-3', 'ASSET-B', 1, 10, 99),
      at('DEV-1', 'ASSET-A', 4, 180, 77),
    ]);
    expect(outcome).toEqual({ kind: 'written' });
  });
  afterAll(async () => {
    influx.close();
    await db.drop();
  });

  it('returns mean/min/max per device and bucket for one asset over [from, to)', async () => {
    const history = await queries.telemetryHistory({
      assetId: 'ASSET-A',
      metric: 'ch4_lel',
      from: T0,
      to: T0 + 180_000,
      every: '1m',
    });
    expect(history).toEqual([
      {
        deviceId: 'DEV-1',
        points: [
          { ts: T0, mean: 2, min: 1, max: 3 },
          { ts: T0 + 60_000, mean: 10, min: 10, max: 10 },
        ],
      },
      { deviceId: 'DEV-2', points: [{ ts: T0, mean: 5, min: 5, max: 5 }] },
    ]);
  });

  it('returns no devices for an asset without data, rather than failing', async () => {
    expect(
      await queries.telemetryHistory({
        assetId: 'ASSET-Z',
        metric: 'ch4_lel',
        from: T0,
        to: T0 + 60_000,
        every: '1m',
      }),
    ).toEqual([]);
  });

  it('refuses a metric outside the catalog before sending anything', async () => {
    await expect(
      queries.telemetryHistory({ assetId: 'ASSET-A', metric: 'seq', from: T0, to: T0 + 60_000, every: '1m' }),
    ).rejects.toMatchObject({ code: 'invalid_query' });
  });

  it('counts points and distinct seqs with filters', async () => {
    expect(await queries.countPoints()).toBe(6);
    expect(await queries.countPoints({ assetId: 'ASSET-A', from: T0, to: T0 + 180_000 })).toBe(4);
    expect(await queries.countPoints({ deviceId: 'DEV-1' })).toBe(4);
    expect(await queries.distinctSeqCount('DEV-1')).toBe(4);
    expect(await queries.countPoints({ deviceId: 'NOBODY' })).toBe(0);
    const byDevice = await queries.seqCountsByDevice({ from: T0, to: T0 + 60_000 });
    expect(Object.fromEntries(byDevice)).toEqual({
      'DEV-1': { points: 2, distinctSeq: 2 },
      'DEV-2': { points: 1, distinctSeq: 1 },
      'DEV-3': { points: 1, distinctSeq: 1 },
    });
  });
});
