import type { BenchContext } from './context.js';
import type { GeneratorClient } from './generator-client.js';
import type { ConnectOutcome, GeneratorSummary, StepRecord } from './generator.js';
import { processWindow, trafficWindow } from './measure.js';
import { highestHeld, judgeStep, rampRates } from './ramp.js';
import type { ConnectFigures, MeasuredWindow, RampStep, VerifiedLoss } from './results.js';
import { sleep } from './server-process.js';
import { rangesBetween, type SentRange } from './zero-loss.js';

/**
 * Building blocks shared by the service workloads and the raw-broker reference: connect and measure memory,
 * hold a constant rate, ramp, and check zero loss from the generator's step records.
 */

export async function connectFigures(
  ctx: BenchContext,
  service: string,
  outcome: ConnectOutcome,
  rssIdleMiB: number,
): Promise<ConnectFigures> {
  // Let allocation settle after the connection burst before reading RSS.
  await sleep(2000);
  const rssConnectedMiB = ctx.rssMiB(service);
  const per = outcome.connected > 0 ? ((rssConnectedMiB - rssIdleMiB) * 10_000) / outcome.connected : NaN;
  // The service's fixed cost: every sensor connected, no traffic yet.
  const [from, to] = await ctx.span(5);
  const idle = processWindow(ctx.monitor.samples(service), from, to, ctx.ticksPerSecond, 0);
  return {
    connectedIdleMillicores: idle?.millicores ?? NaN,
    sensors: ctx.devices.length,
    connected: outcome.connected,
    failed: outcome.failed,
    seconds: outcome.seconds,
    errors: outcome.errors,
    rssIdleMiB,
    rssConnectedMiB,
    rssPer10kMiB: per,
  };
}

/** Runs at `rate` for warm-up + measurement; returns the measured window (after the warm-up). */
export async function holdRate(
  ctx: BenchContext,
  gen: GeneratorClient,
  stepId: string,
  rate: number,
  service: string,
): Promise<MeasuredWindow | null> {
  await gen.setRate(stepId, rate);
  ctx.log(`${stepId}: ${rate} readings/s, warm-up ${ctx.t.warmupS} s, measuring ${ctx.t.measureS} s`);
  await sleep(ctx.t.warmupS * 1000);
  const [from, to] = await ctx.span(ctx.t.measureS);
  const w = ctx.window(gen, stepId, rate, from, to, service);
  if (w) ctx.log(`${stepId}: ${describe(w)}`);
  return w;
}

export function describe(w: MeasuredWindow): string {
  const t = w.traffic;
  const svc = w.processes.server ?? w.processes.rawBroker;
  return (
    `sent ${Math.round(t.sentRate)}/s acked ${Math.round(t.ackedRate)}/s, PUBACK p50 ${t.latency.p50.toFixed(1)} ms ` +
    `p99 ${t.latency.p99.toFixed(1)} ms, outstanding ${t.outstandingEnd}` +
    (svc ? `, service ${Math.round(svc.millicores)} mcores, RSS ${Math.round(svc.rssMaxMiB)} MiB` : '')
  );
}

export interface RampOptions {
  stepS: number;
  service: string;
  label: string;
  /** Lines in the service's spool now (undefined for the raw broker). */
  spool?: () => Promise<number | undefined>;
}

/**
 * Raises the rate step by step until a step is not held (ramp.ts) or the generator cannot keep up. Each
 * step is judged over its second half, after the backlog of the step change has had time to show.
 */
export async function ramp(
  ctx: BenchContext,
  gen: GeneratorClient,
  o: RampOptions,
): Promise<{ steps: RampStep[]; stoppedBecause: string; generatorLimited: boolean }> {
  const steps: RampStep[] = [];
  const rates = rampRates(ctx.opts.rampStart, ctx.opts.rampStep, ctx.opts.rampMax);
  // First messages of 10k fresh sessions (JIT, per-device state) are not the steady state the first step
  // should be judged on: run the start rate unjudged first. Its readings are still checked for loss.
  await gen.setRate(`${o.label}-warmup`, rates[0]);
  ctx.log(`${o.label}: warm-up at ${rates[0]}/s for ${ctx.t.warmupS} s`);
  await sleep(ctx.t.warmupS * 1000);
  for (const rate of rates) {
    const stepId = `${o.label}-${rate}`;
    await gen.setRate(stepId, rate);
    ctx.monitor.sampleNow();
    const start = Date.now();
    await sleep((o.stepS * 1000) / 2);
    const spoolMid = o.spool ? await o.spool() : undefined;
    ctx.monitor.sampleNow();
    const mid = Date.now();
    await sleep((o.stepS * 1000) / 2);
    const spoolEnd = o.spool ? await o.spool() : undefined;
    ctx.monitor.sampleNow();
    const end = Date.now();
    await sleep(1100);
    // Steady-state figures (CPU, latency) over the judged half; the full step only for totals.
    const window =
      ctx.window(gen, stepId, rate, mid, end, o.service) ??
      ctx.window(gen, stepId, rate, start, end, o.service);
    const judged = trafficWindow(gen.ticks, mid, end);
    if (!window || !judged)
      return { steps, stoppedBecause: `no generator ticks for step ${rate}/s`, generatorLimited: false };
    const decision = judgeStep(
      {
        targetRate: rate,
        sentRate: judged.sentRate,
        outstandingMid: judged.outstandingStart,
        outstandingEnd: judged.outstandingEnd,
        judgedSeconds: judged.seconds,
        p99Ms: judged.latency.p99,
        spoolMid,
        spoolEnd,
        disconnects: trafficWindow(gen.ticks, start, end)?.disconnects ?? 0,
      },
      ctx.opts.criteria,
    );
    steps.push({ rate, window, judged, decision });
    ctx.log(
      `${stepId}: ${decision.verdict}${decision.reasons.length ? ` (${decision.reasons.join('; ')})` : ''} — ${describe(window)}`,
    );
    if (decision.verdict !== 'held') {
      return {
        steps,
        stoppedBecause: `${rate}/s: ${decision.reasons.join('; ')}`,
        generatorLimited: decision.verdict === 'generator_limited',
      };
    }
  }
  return { steps, stoppedBecause: `reached --ramp-max ${ctx.opts.rampMax}/s`, generatorLimited: false };
}

/** Sent seq ranges of the steps whose id starts with `prefix`, merged per device, and their time span. */
export function sentOf(
  summary: GeneratorSummary,
  match: (s: StepRecord) => boolean,
): { ranges: SentRange[]; from: number; to: number } | null {
  const steps = summary.steps.filter(match);
  if (steps.length === 0) return null;
  const first = steps[0];
  const last = steps[steps.length - 1];
  const ranges = rangesBetween(summary.deviceIds, first.before, last.after);
  const from = Math.min(...steps.map((s) => s.tsMin).filter(Number.isFinite));
  const to = Math.max(...steps.map((s) => s.tsMax).filter(Number.isFinite));
  return Number.isFinite(from) && Number.isFinite(to) ? { ranges, from, to } : null;
}

/** Zero-loss check of a set of steps against `influxDb`. */
export async function verifySteps(
  ctx: BenchContext,
  influxDb: string,
  summary: GeneratorSummary,
  match: (s: StepRecord) => boolean,
  settleMs = 15_000,
  timeoutMs = 180_000,
): Promise<VerifiedLoss | null> {
  const sent = sentOf(summary, match);
  if (!sent) return null;
  const loss = await ctx.influx.verify(influxDb, sent.ranges, sent.from, sent.to, settleMs, timeoutMs);
  ctx.log(
    `zero-loss check: sent ${loss.sent}, stored ${loss.stored}, missing ${loss.missing}` +
      (loss.devicesShort
        ? ` on ${loss.devicesShort} devices (e.g. ${loss.examples
            .map((e) => `${e.deviceId} ${e.stored}/${e.sent}`)
            .slice(0, 3)
            .join(', ')})`
        : '') +
      `, duplicates ${loss.duplicates}`,
  );
  return loss;
}

/** The highest held rate of a ramp after its loss checks. */
export function rampVerdict(steps: RampStep[]): number | null {
  return highestHeld(
    steps.map((s) => ({
      rate: s.rate,
      verdict: s.decision.verdict,
      lossFree: s.loss ? s.loss.zeroLoss : undefined,
    })),
  );
}
