import { jest } from '@jest/globals';
import { createServer, request, type Server } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { testInfluxUrl } from '../support/influx.js';
import { eventually, startIngest, telemetryTopic } from './harness.js';

// Each test boots or drives a whole server; the 5 s default is for unit tests.
jest.setTimeout(30_000);

/** An HTTP hop in front of InfluxDB that holds every /write until released (everything else passes). */
interface WriteGate {
  url: string;
  held(): number;
  release(): void;
  close(): Promise<void>;
}

async function startWriteGate(target: string): Promise<WriteGate> {
  let open = false;
  const held: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    const forward = (): void => {
      const upstream = request(
        new URL(req.url ?? '/', target),
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (!open && req.url?.startsWith('/write')) held.push(forward);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    held: () => held.length,
    release: () => {
      open = true;
      for (const forward of held.splice(0)) forward();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (bound then released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

// One point per device and millisecond in InfluxDB: distinct timestamps, so no reading overwrites another.
const BASE = Date.now() - 60_000;
const reading = (seq: number) => JSON.stringify({ ts: BASE + seq, seq, metrics: { ch4_lel: 4.5 } });

describe('QoS 1 acknowledgement waits for durability (CONTRACT.md §1, docs/decisions/0006)', () => {
  it('sends the PUBACK only once InfluxDB has taken the write', async () => {
    const gate = await startWriteGate(testInfluxUrl());
    const h = await startIngest({ influxUrl: gate.url });
    try {
      const d = await h.device('GAS-DEV-ACK');
      const client = await h.connect(d.id, d.secret);
      let acked = false;
      const publishing = client
        .publishAsync(telemetryTopic(d.id), reading(1), { qos: 1 })
        .then(() => (acked = true));
      await eventually(
        async () => gate.held(),
        (n) => n >= 1,
        'the write to reach the gate',
      );
      // The line is in a request InfluxDB has not answered: give a wrong early PUBACK the time to show up.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(acked).toBe(false);
      gate.release();
      await publishing;
      const series = await h.query(`SELECT count(seq) FROM telemetry WHERE device_id = '${d.id}'`);
      expect(series[0].values[0][1]).toBe(1);
    } finally {
      await h.close();
      await gate.close();
    }
  });

  it('acknowledges once the lines are spooled when InfluxDB is down, and the spool holds them', async () => {
    const h = await startIngest({ influxUrl: `http://127.0.0.1:${await deadPort()}` });
    try {
      const d = await h.device('GAS-DEV-SPOOL');
      const client = await h.connect(d.id, d.secret);
      for (let seq = 1; seq <= 3; seq++)
        await client.publishAsync(telemetryTopic(d.id), reading(seq), { qos: 1 });
      const segments = (await readdir(h.spoolDir)).filter((f) => f !== 'LOCK' && !f.endsWith('.tmp'));
      const lines = (
        await Promise.all(
          segments.map(async (f) => gunzipSync(await readFile(join(h.spoolDir, f))).toString('utf8')),
        )
      )
        .join('\n')
        .split('\n')
        .filter((l) => l.includes(`device_id=${d.id}`));
      expect(lines.map((l) => /seq=(\d+)i/.exec(l)?.[1])).toEqual(['1', '2', '3']);
      expect(await h.metric('lifeline_influx_lines_total', { outcome: 'spooled' })).toBeGreaterThanOrEqual(3);
      expect(await h.metric('lifeline_influx_spool_lines')).toBeGreaterThanOrEqual(3);
    } finally {
      await h.close();
    }
  });

  it('makes every acknowledged message durable across a graceful shutdown', async () => {
    const h = await startIngest();
    try {
      const d = await h.device('GAS-DEV-STOP');
      const client = await h.connect(d.id, d.secret);
      const acked: number[] = [];
      let closed = false;
      const ended = new Promise<void>((resolve) => client.once('close', () => resolve()));
      void ended.then(() => (closed = true));
      // Keep messages in flight while the app shuts down: some are acknowledged, the rest fail.
      const flood = (async () => {
        for (let seq = 1; !closed && seq <= 20_000; seq++) {
          client.publish(telemetryTopic(d.id), reading(seq), { qos: 1 }, (err) => {
            if (!err) acked.push(seq);
          });
          if (seq % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await eventually(
        async () => acked.length,
        (n) => n >= 200,
        'the first acknowledgements',
      );
      await h.stopApp();
      // Every PUBACK the broker wrote has been read once the connection is closed: `acked` is final.
      await ended;
      await flood;
      const series = await h.query(`SELECT seq FROM telemetry WHERE device_id = '${d.id}'`);
      const stored = new Set(series[0].values.map((v) => v[1] as number));
      expect(acked.length).toBeGreaterThanOrEqual(200);
      expect(acked.filter((seq) => !stored.has(seq))).toEqual([]);
    } finally {
      await h.close();
    }
  }, 60_000);
});
