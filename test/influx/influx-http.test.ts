import { createServer, type Server } from 'node:net';
import { InfluxError, InfluxHttp, encodeReadingLine, quoteIdent } from '#influx';
import { createTestInfluxDb, type TestInfluxDb } from '../support/influx.js';
import { reading } from './fixtures.js';

describe('InfluxHttp against the real InfluxDB', () => {
  let db: TestInfluxDb;
  let influx: InfluxHttp;

  beforeAll(async () => {
    db = await createTestInfluxDb();
    influx = new InfluxHttp({ url: db.url, database: db.database, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    influx.close();
    await db.drop();
  });

  it('pings a live server, and reports a closed port as down', async () => {
    expect(await influx.ping()).toBe(true);
    const nowhere = new InfluxHttp({ url: 'http://127.0.0.1:1', database: 'x', timeoutMs: 1000 });
    expect(await nowhere.ping()).toBe(false);
    nowhere.close();
  });

  it('writes a gzipped body the server accepts, and reads it back', async () => {
    const lines = [encodeReadingLine(reading({ seq: 1 })), encodeReadingLine(reading({ seq: 2 }))];
    expect(await influx.writeLines(lines)).toEqual({ kind: 'written' });
    const series = await influx.query(
      `SELECT "seq", "ch4_lel" FROM "telemetry" WHERE "device_id" = 'GAS-DEV-0001'`,
    );
    expect(series[0].values.map((row) => row[1])).toEqual([1, 2]);
  });

  it('round-trips escaped tag values exactly', async () => {
    const districts = ['Kang bashi,East=1', '康巴什区', 'back\\slash'];
    const lines = districts.map((district, i) =>
      encodeReadingLine(reading({ seq: 100 + i, district, deviceId: `ESC-${i}` })),
    );
    expect(await influx.writeLines(lines)).toEqual({ kind: 'written' });
    const tags = await influx.query(`SHOW TAG VALUES FROM "telemetry" WITH KEY = "district"`);
    expect(tags[0].values.map((row) => row[1])).toEqual(expect.arrayContaining(districts));
  });

  it('classifies a 1.x partial write (valid points stored) and a wholly unparseable body', async () => {
    const good = 'probe,k=a v=1 1000';
    expect(await influx.writeLines([good, 'garbage'])).toMatchObject({ kind: 'partial' });
    expect(await influx.writeLines(['garbage only'])).toMatchObject({ kind: 'rejected', status: 400 });
    const stored = await influx.query('SELECT count("v") FROM "probe"');
    expect(stored[0].values[0][1]).toBe(1);
  });

  it('treats a missing database as unavailable, not as a bad batch', async () => {
    const wrong = new InfluxHttp({ url: db.url, database: `${db.database}_missing`, timeoutMs: 10_000 });
    expect(await wrong.writeLines(['probe v=1 1'])).toMatchObject({ kind: 'unavailable', status: 404 });
    wrong.close();
  });

  it('turns a silent server into an unavailable outcome after timeoutMs', async () => {
    const silent: Server = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const client = new InfluxHttp({ url: `http://127.0.0.1:${port}`, database: 'x', timeoutMs: 300 });
    try {
      expect(await client.writeLines(['probe v=1 1'])).toMatchObject({ kind: 'unavailable' });
    } finally {
      client.close();
      silent.close();
    }
  });

  it('throws query_failed for a statement the server refuses', async () => {
    const err: unknown = await influx.query('SELECT nonsense syntax').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfluxError);
    expect((err as InfluxError).code).toBe('query_failed');
  });

  it('creates the database idempotently', async () => {
    expect(await influx.ensureDatabase()).toBe(true);
    const dbs = await influx.query('SHOW DATABASES');
    expect(dbs[0].values.map((row) => row[0])).toContain(db.database);
    expect(quoteIdent(db.database)).toBe(`"${db.database}"`);
  });
});
