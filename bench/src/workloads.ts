import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serviceCounters, spoolLines, type BenchContext } from './context.js';
import { connectFigures, holdRate, ramp, rampVerdict, verifySteps } from './load-phases.js';
import type { NotMeasured, OutageResult, RampResult, SteadyResult, WorkloadResult } from './results.js';
import { sleep } from './server-process.js';

const run = promisify(execFile);

/** A workload of BENCHMARKS.md against the real service. */
export interface Workload {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<WorkloadResult>;
}

/** Where raw decode finds the payloads W1 actually sent. */
export function recordedPayloadsPath(ctx: BenchContext): string {
  return join(ctx.opts.dataDir, 'recorded-payloads.ndjson');
}

/** W1: every sensor once a second, one connection each. */
async function runW1(ctx: BenchContext): Promise<SteadyResult> {
  const db = 'bench_w1';
  const server = await ctx.startServer('w1', db);
  try {
    await sleep(2000);
    const idle = ctx.rssMiB('server');
    const { gen, outcome } = await ctx.openLoad(server.spec.mqttPort, 20_000);
    try {
      const connect = await connectFigures(ctx, 'server', outcome, idle);
      const window = await holdRate(ctx, gen, 'w1', ctx.devices.length, 'server');
      await gen.stop();
      const drainSeconds = await ctx.drain(gen, 60_000);
      const summary = await gen.summary();
      await writeFile(
        recordedPayloadsPath(ctx),
        summary.recorded.map((r) => JSON.stringify(r)).join('\n') + '\n',
      );
      const loss = await verifySteps(ctx, db, summary, (s) => s.stepId === 'w1');
      const counters = serviceCounters(await server.metrics());
      if (!window) throw new Error('W1: no measurement window (generator ticks missing)');
      return { kind: 'steady', connect, window, loss, counters, drainSeconds, notes: [] };
    } finally {
      await ctx.closeLoad(gen);
    }
  } finally {
    await ctx.stopServer(server);
  }
}

/** R: +step readings/s per step until the service falls behind; highest rate held with zero loss. */
async function runR(ctx: BenchContext): Promise<RampResult> {
  const db = 'bench_r';
  const server = await ctx.startServer('r', db);
  const notes: string[] = [];
  try {
    await sleep(2000);
    const idle = ctx.rssMiB('server');
    const { gen, outcome } = await ctx.openLoad(server.spec.mqttPort);
    try {
      const connect = await connectFigures(ctx, 'server', outcome, idle);
      const r = await ramp(ctx, gen, {
        stepS: ctx.t.rampStepS,
        service: 'server',
        label: 'r',
        spool: async () => spoolLines(await server.metrics()),
      });
      await gen.stop();
      const backlog = gen.last?.outstanding ?? 0;
      const drainSeconds = await ctx.drain(gen, Math.max(120_000, backlog * 0.5));
      const summary = await gen.summary();
      const warmup = await verifySteps(ctx, db, summary, (s) => s.stepId === 'r-warmup');
      if (warmup && !warmup.zeroLoss)
        notes.push(`readings of the warm-up were lost: ${warmup.missing} of ${warmup.sent}`);
      for (const step of r.steps) {
        const loss = await verifySteps(ctx, db, summary, (s) => s.stepId === `r-${step.rate}`);
        if (loss) step.loss = loss;
      }
      const counters = serviceCounters(await server.metrics());
      return {
        kind: 'ramp',
        stepSeconds: ctx.t.rampStepS,
        connect,
        steps: r.steps,
        highestHeld: rampVerdict(r.steps),
        generatorLimited: r.generatorLimited,
        stoppedBecause: r.stoppedBecause,
        drainSeconds,
        counters,
        notes,
      };
    } finally {
      await ctx.closeLoad(gen);
    }
  } finally {
    await ctx.stopServer(server);
  }
}

/** S: W1 while InfluxDB is stopped for `outageS` and restarted; nothing may be lost once the spool drains. */
async function runS(ctx: BenchContext): Promise<OutageResult> {
  const db = 'bench_s';
  const server = await ctx.startServer('s', db);
  const notes: string[] = [];
  let peak: NodeJS.Timeout | undefined;
  try {
    await sleep(2000);
    const idle = ctx.rssMiB('server');
    const { gen, outcome } = await ctx.openLoad(server.spec.mqttPort);
    try {
      const connect = await connectFigures(ctx, 'server', outcome, idle);
      const rate = ctx.devices.length;
      const phases = [];
      await gen.setRate('s-before', rate);
      await sleep(ctx.t.warmupS * 1000);
      let [from, to] = await ctx.span(ctx.t.outagePreS);
      phases.push(ctx.window(gen, 'before the outage', rate, from, to));

      await gen.setRate('s-outage', rate);
      await stopInflux(ctx);
      ctx.log(`InfluxDB stopped; ${ctx.t.outageS} s outage`);
      let spoolPeakLines = 0;
      peak = setInterval(() => {
        void server.metrics().then((m) => (spoolPeakLines = Math.max(spoolPeakLines, spoolLines(m) ?? 0)));
      }, 2000);
      [from, to] = await ctx.span(ctx.t.outageS - 1.1);
      phases.push(ctx.window(gen, 'InfluxDB down', rate, from, to));

      await gen.setRate('s-after', rate);
      const restartSeconds = await startInflux(ctx, notes);
      const restarted = Date.now();
      ctx.log(
        `InfluxDB restarted (ready after ${restartSeconds.toFixed(1)} s); the spool replays while the load goes on`,
      );
      [from, to] = await ctx.span(ctx.t.outagePostS);
      phases.push(ctx.window(gen, 'after the restart (replaying)', rate, from, to));
      await gen.stop();
      await ctx.drain(gen, 120_000);
      const replaySeconds = await waitSpoolEmpty(ctx, server, restarted, 600_000);
      if (replaySeconds === null) notes.push('the spool did not empty within 10 minutes of the restart');
      const summary = await gen.summary();
      const loss = await verifySteps(ctx, db, summary, (s) => s.stepId.startsWith('s-'), 30_000, 600_000);
      const counters = serviceCounters(await server.metrics());
      const measured = phases.filter((p): p is NonNullable<typeof p> => p !== null);
      return {
        kind: 'outage',
        connect,
        outageSeconds: ctx.t.outageS,
        restartSeconds,
        phases: measured,
        replaySeconds,
        spoolPeakLines,
        loss,
        counters,
        notes,
      };
    } finally {
      await ctx.closeLoad(gen);
    }
  } finally {
    clearInterval(peak);
    await ctx.stopServer(server);
    // Whatever happened above, leave InfluxDB running for the next workload.
    if (!(await ctx.influx.ping())) await startInflux(ctx, notes).catch(() => undefined);
  }
}

/**
 * `scripts/infra.sh start-influx` (same environment as the first start), then waits for `/ping` on its
 * own: infra.sh gives up after 10 s, but a restart replays the WAL of every database first, which takes
 * longer on a loaded machine while influxd is in fact coming up. Returns the seconds until ready.
 */
async function startInflux(ctx: BenchContext, notes: string[]): Promise<number> {
  const started = Date.now();
  try {
    await run('bash', [join(ctx.opts.root, 'scripts/infra.sh'), 'start-influx'], {
      cwd: ctx.opts.root,
      env: process.env,
    });
  } catch {
    notes.push(
      '`scripts/infra.sh start-influx` reported failure (it waits 10 s for /ping); the bench kept waiting for InfluxDB',
    );
  }
  while (!(await ctx.influx.ping())) {
    if (Date.now() - started > 180_000)
      throw new Error('InfluxDB did not answer /ping within 180 s of its restart');
    await sleep(500);
  }
  return (Date.now() - started) / 1000;
}

/** Stops InfluxDB by the pid infra.sh recorded (SIGTERM, as an operator or a crash-looping host would). */
async function stopInflux(ctx: BenchContext): Promise<void> {
  const pid = ctx.influxPid();
  if (pid === null) throw new Error('S: no InfluxDB pid file; cannot stop it');
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
  process.kill(pid, 'SIGKILL');
}

/** Seconds from `since` until the service's spool holds no line (or null after `timeoutMs`). */
async function waitSpoolEmpty(
  ctx: BenchContext,
  server: { metrics: () => Promise<Parameters<typeof spoolLines>[0]> },
  since: number,
  timeoutMs: number,
): Promise<number | null> {
  while (Date.now() - since < timeoutMs) {
    const lines = spoolLines(await server.metrics());
    if (lines === 0) return (Date.now() - since) / 1000;
    await sleep(1000);
  }
  ctx.log('the spool did not empty in time');
  return null;
}

/**
 * A: W1 with 1 % of readings breaching a rule; reading → alarm → SSE and reading → webhook latency.
 * Extension point, not measured yet (the service's alarm engine, SSE stream and webhook dispatcher were
 * still being written when the bench was). It needs (1) a breach option in the generator (a rule's breaching value, e.g. gas `ch4_lel` ≥ 50, in
 * 1 % of the payloads), (2) an SSE client on `/events` and a local webhook receiver
 * registered through the API, both stamping arrival time, and (3) matching by device + seq to report
 * p50/p99, missed = 0 and duplicates (BENCHMARKS.md metric 3). Until then it is reported as not measured.
 */
async function runA(_ctx: BenchContext): Promise<NotMeasured> {
  return {
    kind: 'not_measured',
    reason:
      'not yet measured: the bench does not generate breaching readings or time SSE and webhook deliveries yet',
  };
}

export const WORKLOADS: readonly Workload[] = [
  { id: 'W1', title: 'W1 — 10k sensors × 1/s', run: runW1 },
  { id: 'R', title: 'R — ramp to capacity', run: runR },
  { id: 'S', title: 'S — InfluxDB stopped 30 s, then restarted', run: runS },
  { id: 'A', title: 'A — alarm storm (1 % breaching)', run: runA },
];
