import { type AddressInfo, createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { prepareDevice } from '../device.js';
import { findScenario } from '../scenarios/index.js';
import { resolveTarget } from '../scenarios/reach.js';
import { type RunConfig, Runner } from './runner.js';

/** A short run against an in-process broker: reports flow, the offline fault fires the Will, stop is graceful. */
const devices = ['A', 'B', 'C'].map((n) =>
  prepareDevice(
    {
      id: `WAT-DEV-000${n}`,
      domain: 'water',
      assetId: `WAT-SEG-000${n}`,
      zone: 'WAT-DMA-0001',
      metrics: ['pressure_mpa'],
      reportIntervalS: 900,
      secret: `s-${n}`,
    },
    3,
  ),
);

let broker: Aedes;
let server: Server;
let url: string;
const published: { topic: string; payload: string; byBroker: boolean }[] = [];

beforeAll(async () => {
  broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const ok = devices.some(
        (d) => d.id === username && d.id === client.id && d.secret === password?.toString(),
      );
      done(null, ok);
    },
  });
  broker.on('publish', (packet, client) => {
    if (!packet.topic.startsWith('$SYS'))
      published.push({ topic: packet.topic, payload: packet.payload.toString(), byBroker: client === null });
  });
  server = createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('runs devices, applies a fault, and stops publishing offline status', async () => {
  const offline = findScenario('offline')!;
  const lines: string[] = [];
  const config: RunConfig = {
    url,
    devices,
    seed: 3,
    timing: { speedup: 1, intervalS: 0.1 },
    durationS: 3,
    scenario: {
      scenario: offline,
      target: resolveTarget(devices, offline, { deviceId: 'WAT-DEV-000B' }),
      startAfterS: 1,
      durationMs: 600,
    },
    connectRate: 100,
    statsEveryS: 1,
    startSeq: 0,
    verbose: false,
    log: (l) => lines.push(l),
  };
  const runner = new Runner(config);
  await runner.run();

  const telemetry = (id: string) =>
    published
      .filter((p) => p.topic === `lifeline/v1/water/${id}/telemetry`)
      .map((p) => JSON.parse(p.payload) as { seq: number });
  for (const d of devices) expect(telemetry(d.id).length).toBeGreaterThan(3);
  // Seqs are sent in order without gaps by healthy devices.
  const seqsA = telemetry('WAT-DEV-000A').map((s) => s.seq);
  expect(seqsA).toEqual([...seqsA.keys()]);
  // The faulty device lost readings while offline: a gap in its seqs, and a Last Will from the broker.
  const seqsB = telemetry('WAT-DEV-000B').map((s) => s.seq);
  expect(seqsB).not.toEqual([...seqsB.keys()]);
  expect(runner.stats.lost).toBeGreaterThan(0);
  expect(lines).toContain('scenario offline started on 1 device(s)');
  expect(lines).toContain('scenario offline ended on 1 device(s)');
  // Healthy devices: online on connect, offline on the graceful stop. The faulty one also went offline
  // by its Last Will in between and came back online.
  const statuses = (id: string) =>
    published.filter((p) => p.topic === `lifeline/v1/water/${id}/status`).map((p) => p.payload);
  const [on, off] = ['{"online":true}', '{"online":false}'];
  expect(statuses('WAT-DEV-000A')).toEqual([on, off]);
  expect(statuses('WAT-DEV-000C')).toEqual([on, off]);
  const b = statuses('WAT-DEV-000B');
  expect(b[b.length - 1]).toBe(off);
  expect(b.filter((s) => s === off).length).toBeGreaterThanOrEqual(2);
  expect(b.lastIndexOf(on)).toBeGreaterThan(b.indexOf(off));
  expect(runner.stats.acked).toBe(runner.stats.sent);
  expect(runner.stats.rejected).toBe(0);
});
