/**
 * When a ramp step counts as "held" (BENCHMARKS.md, workload R: "highest rate held with zero loss").
 * Open loop: the generator keeps its schedule whatever the service does, so falling behind shows up as
 * acknowledgements lagging sends (the backlog of unacknowledged messages grows), as PUBACK latency
 * climbing, or as the durable spool growing (the store no longer keeps up, even if acks still flow).
 */

export interface StepObservation {
  /** Readings/s the schedule asked for. */
  targetRate: number;
  /** Readings/s actually written to sockets over the judged part of the step. */
  sentRate: number;
  /** Unacknowledged messages at the middle and at the end of the step (the judged half). */
  outstandingMid: number;
  outstandingEnd: number;
  /** Seconds between those two observations. */
  judgedSeconds: number;
  /** PUBACK latency p99 over the judged half, ms. */
  p99Ms: number;
  /** Lines in the service's disk spool at the middle and end (undefined for the raw broker). */
  spoolMid?: number;
  spoolEnd?: number;
  /** Connections the generator lost during the step. */
  disconnects: number;
}

export interface StepCriteria {
  /** Below this fraction of the target the generator, not the service, is the limit. */
  minSendRatio: number;
  /** p99 above this (ms) = latency is running away. */
  maxP99Ms: number;
  /** Backlog growth allowed over the judged half, as a fraction of the target rate (per second). */
  maxBacklogGrowth: number;
}

export const DEFAULT_CRITERIA: StepCriteria = { minSendRatio: 0.97, maxP99Ms: 3000, maxBacklogGrowth: 0.02 };

export type StepVerdict = 'held' | 'not_held' | 'generator_limited';

export interface StepDecision {
  verdict: StepVerdict;
  reasons: string[];
}

/** Judges one step; zero loss is checked separately, after the run has drained. */
export function judgeStep(o: StepObservation, c: StepCriteria = DEFAULT_CRITERIA): StepDecision {
  const reasons: string[] = [];
  if (o.disconnects > 0) reasons.push(`${o.disconnects} generator connection(s) dropped`);
  const growthPerS = o.judgedSeconds > 0 ? (o.outstandingEnd - o.outstandingMid) / o.judgedSeconds : 0;
  // A small absolute floor keeps a backlog of a few hundred messages at low rates from failing a step.
  const allowed = Math.max(c.maxBacklogGrowth * o.targetRate, 50);
  if (growthPerS > allowed) {
    reasons.push(
      `backlog grew by ${Math.round(growthPerS)} msg/s (acks behind sends; allowed ${Math.round(allowed)})`,
    );
  }
  if (!(o.p99Ms <= c.maxP99Ms)) reasons.push(`PUBACK p99 ${fmtMs(o.p99Ms)} > ${fmtMs(c.maxP99Ms)}`);
  if (o.spoolMid !== undefined && o.spoolEnd !== undefined && o.spoolEnd > o.spoolMid) {
    reasons.push(`disk spool grew from ${o.spoolMid} to ${o.spoolEnd} lines (store behind)`);
  }
  if (reasons.length > 0) return { verdict: 'not_held', reasons };
  if (o.sentRate < c.minSendRatio * o.targetRate) {
    const why = `generator sent ${Math.round(o.sentRate)}/s of ${o.targetRate}/s: it, not the service, is the limit`;
    return { verdict: 'generator_limited', reasons: [why] };
  }
  return { verdict: 'held', reasons: [] };
}

/** The rates a ramp visits: start, start+step, … up to `max` inclusive. */
export function rampRates(start: number, step: number, max: number): number[] {
  if (!(start > 0 && step > 0 && max >= start))
    throw new RangeError('ramp needs 0 < start ≤ max and step > 0');
  const out: number[] = [];
  for (let r = start; r <= max; r += step) out.push(r);
  return out;
}

/**
 * Highest rate held: the last step of the unbroken run of held steps from the start whose zero-loss check
 * passed. A step after a failed one does not count, even if it passed on its own.
 */
export function highestHeld(
  steps: ReadonlyArray<{ rate: number; verdict: StepVerdict; lossFree?: boolean }>,
): number | null {
  let best: number | null = null;
  for (const s of steps) {
    if (s.verdict !== 'held' || s.lossFree === false) break;
    best = s.rate;
  }
  return best;
}

function fmtMs(ms: number): string {
  return Number.isFinite(ms) ? (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`) : 'n/a';
}
