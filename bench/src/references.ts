import { fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { validateTelemetry, type DeviceProfile } from '#domain';
import { encodeReadingLine, type StoredReading } from '#influx';
import { SIGNAL_SEED, type BenchContext } from './context.js';
import { connectFigures, holdRate, ramp } from './load-phases.js';
import { processWindow } from './measure.js';
import { MACHINE } from './process-monitor.js';
import type { SimDevice } from '../../simulators/src/device.js';
import { PayloadTemplate } from '../../simulators/src/load/payload-template.js';
import { baseReading, roundMetrics } from '../../simulators/src/signals/index.js';
import type { RawBrokerResult, RawDecodeResult, RawStoreResult, RawStoreRun } from './results.js';
import { sleep } from './server-process.js';
import { recordedPayloadsPath } from './workloads.js';

/** Batch size of the raw store reference (BENCHMARKS.md) and of the service's writer default. */
export const RAW_STORE_BATCH = 5000;
/** Gzip level of the service's writer (libs/influx/src/gzip-body.ts DEFAULT_GZIP_LEVEL). */
const GZIP_LEVEL = 1;

/** Raw broker: aedes alone with a no-op subscriber, same generator; W1, then a ramp to find its capacity. */
export async function rawBroker(ctx: BenchContext): Promise<RawBrokerResult> {
  const { mqtt } = ctx.ports();
  const entry = fileURLToPath(new URL('./raw-broker-main.js', import.meta.url));
  const child = fork(entry, [String(mqtt)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`raw broker exited with code ${code}`)));
    });
    ctx.monitor.watch('rawBroker', () => child.pid ?? null);
    await sleep(1000);
    const idle = ctx.rssMiB('rawBroker');
    const { gen, outcome } = await ctx.openLoad(mqtt);
    try {
      const connect = await connectFigures(ctx, 'rawBroker', outcome, idle);
      const window = await holdRate(ctx, gen, 'raw-w1', ctx.devices.length, 'rawBroker');
      if (!window) throw new Error('raw broker: no measurement window');
      const r = await ramp(ctx, gen, { stepS: ctx.t.rawRampStepS, service: 'rawBroker', label: 'raw' });
      await gen.stop();
      const drainSeconds = await ctx.drain(gen, 60_000);
      const held = r.steps.filter((s) => s.decision.verdict === 'held').map((s) => s.rate);
      const capacity = held.length > 0 ? Math.max(...held) : null;
      return {
        steady: { kind: 'steady', connect, window, loss: null, counters: null, drainSeconds, notes: [] },
        ramp: {
          kind: 'ramp',
          stepSeconds: ctx.t.rawRampStepS,
          connect,
          steps: r.steps,
          highestHeld: capacity,
          generatorLimited: r.generatorLimited,
          stoppedBecause: r.stoppedBecause,
          drainSeconds,
          counters: null,
          notes: [],
        },
        capacity,
      };
    } finally {
      await ctx.closeLoad(gen);
    }
  } finally {
    ctx.monitor.unwatch('rawBroker');
    child.kill('SIGTERM');
    await exited;
  }
}

/** Lines of the registered devices as the service encodes them, `RAW_STORE_BATCH` per batch, unique points. */
export function renderBatches(devices: readonly SimDevice[], lines: number, baseTs: number): string[][] {
  const batches: string[][] = [];
  for (let k = 0; k < lines; k += RAW_STORE_BATCH) {
    const batch: string[] = [];
    for (let j = k; j < Math.min(lines, k + RAW_STORE_BATCH); j++) {
      const d = devices[j % devices.length];
      const round = Math.floor(j / devices.length);
      const ts = baseTs + round * 1000;
      const reading: StoredReading = {
        domain: d.domain,
        district: 'Kangbashi',
        assetId: d.assetId,
        deviceId: d.id,
        ts,
        seq: round + 1,
        metrics: roundMetrics(baseReading(d, ts, SIGNAL_SEED)),
        quality: 'good',
        batteryPct: 86,
        rssiDbm: -78,
      };
      batch.push(encodeReadingLine(reading));
    }
    batches.push(batch);
  }
  return batches;
}

/** Raw store: pre-rendered 5,000-line batches POSTed to the same InfluxDB, 1, 2 and 4 in flight. */
export async function rawStore(ctx: BenchContext): Promise<RawStoreResult> {
  const baseTs = Date.now() - 3_600_000;
  const batches = renderBatches(ctx.devices, ctx.t.rawStoreLines, baseTs);
  const gz = batches.map((b) => gzipSync(`${b.join('\n')}\n`, { level: GZIP_LEVEL }));
  const plain = ctx.t.rawStorePlain ? batches.map((b) => Buffer.from(`${b.join('\n')}\n`)) : [];
  const runs: RawStoreRun[] = [];
  for (const form of ctx.t.rawStorePlain ? (['gzip', 'plain'] as const) : (['gzip'] as const)) {
    for (const inFlight of [1, 2, 4]) {
      const db = `bench_raw_store_${form}_${inFlight}`;
      await ctx.influx.dropDatabase(db).catch(() => undefined);
      await ctx.influx.createDatabase(db);
      ctx.monitor.sampleNow();
      const from = Date.now();
      const r = await postAll(ctx.opts.influxUrl, db, form === 'gzip' ? gz : plain, form, inFlight);
      ctx.monitor.sampleNow();
      const to = Date.now();
      const lines = batches.reduce((n, b) => n + b.length, 0);
      const cpu = (name: string): number =>
        processWindow(ctx.monitor.samples(name), from, to, ctx.ticksPerSecond, 0)?.millicores ?? NaN;
      runs.push({
        form,
        inFlight,
        lines,
        seconds: r.seconds,
        linesPerSecond: lines / r.seconds,
        failures: r.failures,
        influxdMillicores: cpu('influxd'),
        machineMillicores: cpu(MACHINE),
      });
      ctx.log(
        `raw store ${form} ×${inFlight}: ${Math.round(lines / r.seconds)} lines/s${r.failures ? `, ${r.failures} failed` : ''}` +
          ` (influxd ${Math.round(cpu('influxd'))} mcores, machine ${Math.round(cpu(MACHINE))})`,
      );
      await ctx.influx.dropDatabase(db).catch(() => undefined);
    }
  }
  const best = Math.max(
    ...runs.filter((r) => r.form === 'gzip' && r.failures === 0).map((r) => r.linesPerSecond),
    0,
  );
  return { batchLines: RAW_STORE_BATCH, runs, best };
}

async function postAll(
  url: string,
  db: string,
  bodies: Buffer[],
  form: 'gzip' | 'plain',
  inFlight: number,
): Promise<{ seconds: number; failures: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const target = new URL(`/write?db=${encodeURIComponent(db)}&precision=ms`, url);
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const status = await post(target, bodies[next++], form, agent);
      if (status < 200 || status >= 300) failures++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { seconds, failures };
}

function post(target: URL, body: Buffer, form: 'gzip' | 'plain', agent: http.Agent): Promise<number> {
  return new Promise((resolve) => {
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': body.length,
    };
    if (form === 'gzip') headers['Content-Encoding'] = 'gzip';
    const req = http.request(target, { method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/**
 * Raw decode: JSON.parse + `validateTelemetry` (the validator the ingest calls) over the payloads W1 sent,
 * on this process's one thread; then the other per-reading stages of the service apart (line encoding,
 * gzip of 5,000-line bodies) for the CPU-per-reading comparison.
 */
export async function rawDecode(ctx: BenchContext): Promise<RawDecodeResult> {
  const recorded = await loadRecorded(ctx);
  const profiles = new Map<string, DeviceProfile>(
    ctx.devices.map((d) => [d.id, { id: d.id, domain: d.domain, metrics: d.metrics, enabled: true }]),
  );
  const items: Array<{ profile: DeviceProfile; payload: Buffer }> = [];
  for (const r of recorded) {
    const profile = profiles.get(r.deviceId);
    if (profile) items.push({ profile, payload: Buffer.from(r.payload, 'utf8') });
  }
  if (items.length === 0) throw new Error('raw decode: no recorded payloads of registered devices');
  const window = { nowMs: Date.now(), retentionMs: 30 * 86_400_000, futureToleranceMs: 300_000 };
  // One untimed pass: warms the JIT and keeps the readings for the encode and gzip stages.
  const accepted: StoredReading[] = [];
  let rejected = 0;
  for (const it of items) {
    const v = validateTelemetry(it.payload, it.profile, window);
    rejected += v.rejected.length;
    for (const a of v.accepted) accepted.push(stored(it.profile, a.ts, a.seq, a.metrics));
  }
  let readings = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + ctx.t.decodeS * 1000;
  while (performance.now() < deadline) {
    for (const it of items) {
      readings += validateTelemetry(it.payload, it.profile, window).accepted.length;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const decodeUs = cpuMicros(process.cpuUsage(cpu0)) / Math.max(readings, 1);
  const encodeUs = encodeCost(accepted);
  const gzipUs = gzipCost(accepted);
  ctx.log(
    `raw decode: ${Math.round(readings / seconds)} readings/s (${decodeUs.toFixed(2)} µs), encode ${encodeUs.toFixed(2)} µs, gzip ${gzipUs.toFixed(2)} µs per reading; ${rejected} of ${items.length} recorded payloads rejected`,
  );
  return {
    payloads: items.length,
    readings,
    rejected,
    seconds,
    readingsPerSecond: readings / seconds,
    decodeUs,
    encodeUs,
    gzipUs,
  };
}

async function loadRecorded(ctx: BenchContext): Promise<Array<{ deviceId: string; payload: string }>> {
  const text = await readFile(recordedPayloadsPath(ctx), 'utf8').catch(() => '');
  const rows = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { deviceId: string; payload: string });
  if (rows.length > 0) return rows;
  // W1 did not run: render what the generator would have sent.
  const now = Date.now();
  return ctx.devices.slice(0, 20_000).map((d, i) => ({
    deviceId: d.id,
    payload: new PayloadTemplate(d, SIGNAL_SEED, now, d.reportIntervalS * 1000).render(now - 1000, 1 + i),
  }));
}

function stored(p: DeviceProfile, ts: number, seq: number, metrics: Record<string, number>): StoredReading {
  return {
    domain: p.domain,
    district: 'Kangbashi',
    assetId: `A-${p.id}`,
    deviceId: p.id,
    ts,
    seq,
    metrics,
    quality: 'good',
    batteryPct: 86,
    rssiDbm: -78,
  };
}

function encodeCost(readings: readonly StoredReading[]): number {
  const cpu0 = process.cpuUsage();
  let n = 0;
  for (let round = 0; round < 20; round++)
    for (const r of readings) n += encodeReadingLine(r).length > 0 ? 1 : 0;
  return cpuMicros(process.cpuUsage(cpu0)) / Math.max(n, 1);
}

function gzipCost(readings: readonly StoredReading[]): number {
  const lines = readings.map(encodeReadingLine);
  const cpu0 = process.cpuUsage();
  let n = 0;
  for (let round = 0; round < 10; round++) {
    for (let k = 0; k < lines.length; k += RAW_STORE_BATCH) {
      const batch = lines.slice(k, k + RAW_STORE_BATCH);
      gzipSync(`${batch.join('\n')}\n`, { level: GZIP_LEVEL });
      n += batch.length;
    }
  }
  return cpuMicros(process.cpuUsage(cpu0)) / Math.max(n, 1);
}

function cpuMicros(u: NodeJS.CpuUsage): number {
  return u.user + u.system;
}
