/**
 * When to try a webhook delivery again (PEERS.md §3 "Delivery", Standard Webhooks spec 1.0.0 example
 * schedule): immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h after the
 * previous failure — 10 attempts over about 75 h — each delay spread by jitter so that a burst of
 * failures does not come back as a burst of retries. A `Retry-After` answer (RFC 9110 §10.2.3) is
 * honoured: the next attempt is never earlier than the receiver asked.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** `schedule[i]` = delay before attempt i+1; `schedule[0]` is the first attempt (immediately). */
export const STANDARD_WEBHOOKS_SCHEDULE_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
];

/** Default jitter: each delay is drawn uniformly from ±10 % around the schedule's value. */
export const DEFAULT_RETRY_JITTER = 0.1;

/** A receiver may not park a delivery for longer than the schedule's longest step (24 h). */
export const MAX_RETRY_AFTER_MS = 24 * HOUR;

export interface RetryInput {
  /** Attempts made so far in this round, the one that just failed included (≥ 1). */
  attemptsMade: number;
  schedule: readonly number[];
  /** Fraction in [0, 1): 0.1 spreads each delay over ±10 %. */
  jitter: number;
  /** A uniform random number in [0, 1) (a parameter, so the function stays pure). */
  random: number;
  /** The receiver's Retry-After, in ms from now, when it sent one. */
  retryAfterMs?: number | null;
}

export type RetryDecision = { kind: 'retry'; delayMs: number } | { kind: 'dead' };

/** Next step after a failed attempt: retry after `delayMs`, or give up (dead-letter) after the last one. */
export function nextRetry(input: RetryInput): RetryDecision {
  if (input.attemptsMade >= input.schedule.length) return { kind: 'dead' };
  const base = input.schedule[Math.max(input.attemptsMade, 1)];
  const spread = base * input.jitter * (2 * input.random - 1);
  const jittered = Math.max(0, Math.round(base + spread));
  const asked = Math.min(Math.max(input.retryAfterMs ?? 0, 0), MAX_RETRY_AFTER_MS);
  return { kind: 'retry', delayMs: Math.max(jittered, asked) };
}

/** Whether a schedule is usable: at least one attempt, non-negative, finite delays. */
export function isValidSchedule(schedule: readonly number[]): boolean {
  return schedule.length >= 1 && schedule.every((ms) => Number.isFinite(ms) && ms >= 0);
}
