import { createServer, type IncomingMessage, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { InfluxHttp, type InfluxConfig } from './influx-http.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A loopback HTTP server that records requests and answers like InfluxDB (204 for writes, JSON for queries). */
async function recorder(): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      if (req.url?.includes('/write')) res.writeHead(204).end();
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"results":[{"statement_id":0}]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen };
}

describe('InfluxHttp request shape (v1 endpoints, as 1.x, 2.x and 3.x expect them)', () => {
  let rec: Awaited<ReturnType<typeof recorder>>;
  const clients: InfluxHttp[] = [];
  const client = (over: Partial<InfluxConfig>) => {
    const c = new InfluxHttp({ url: rec.url, database: 'tele metry', timeoutMs: 5000, ...over });
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    rec = await recorder();
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.close());
    rec.server.close();
  });

  it('POSTs gzipped line protocol to /write with db, rp, precision=ms and a 2.x token', async () => {
    const outcome = await client({ token: 's3cr3t', retentionPolicy: 'autogen' }).writeLines([
      'm v=1 1',
      'm v=2 2',
    ]);
    expect(outcome).toEqual({ kind: 'written' });
    const [req] = rec.seen;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/write?db=tele%20metry&rp=autogen&precision=ms');
    expect(req.headers.authorization).toBe('Token s3cr3t');
    expect(req.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(req.body).toString()).toBe('m v=1 1\nm v=2 2\n');
  });

  it('sends 1.x credentials as HTTP Basic and keeps a reverse-proxy path prefix', async () => {
    await client({ url: `${rec.url}/influx/`, username: 'lifeline', password: 'pw' }).ping();
    expect(rec.seen[0].url).toBe('/influx/ping');
    expect(rec.seen[0].headers.authorization).toBe(`Basic ${Buffer.from('lifeline:pw').toString('base64')}`);
  });

  it('reads with GET and changes state with POST, asking for epoch milliseconds', async () => {
    const c = client({});
    await c.query('SELECT count("seq") FROM "telemetry"');
    await c.command('CREATE DATABASE "x"');
    const [read, change] = rec.seen;
    expect(read.method).toBe('GET');
    expect(change.method).toBe('POST');
    const params = new URL(read.url, rec.url).searchParams;
    expect(Object.fromEntries(params)).toEqual({
      db: 'tele metry',
      epoch: 'ms',
      q: 'SELECT count("seq") FROM "telemetry"',
    });
    expect(read.headers.authorization).toBeUndefined();
  });
});
