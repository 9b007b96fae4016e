import type { AttemptOutcome } from './attempt-outcome.js';
import { nextRetry, type RetryInput } from './retry-schedule.js';

/**
 * What an attempt's outcome does to the delivery and to its endpoint (PEERS.md §3 "Delivery"; §5.D
 * item 20). Success ends the delivery; any other outcome retries on the schedule (a throttle's
 * Retry-After honoured) or dead-letters after the last attempt. 410 Gone also disables the endpoint.
 */
export type DeliveryStep = { kind: 'succeeded' } | { kind: 'retry'; delayMs: number } | { kind: 'dead' };

export type EndpointEffect =
  /** The receiver answered: if it was failing, deliveries waiting for endpoint reasons go out now. */
  | { kind: 'recovered' }
  /** The receiver is unwell; with a Retry-After, nothing is sent to it before that time. */
  | { kind: 'failing'; pauseMs: number | null }
  /** 410 Gone: the receiver asked not to be called again; disable the endpoint. */
  | { kind: 'gone' }
  /** The receiver refused this payload; the endpoint itself is fine. */
  | { kind: 'none' };

/** The delivery's next step after an attempt with `outcome`. */
export function afterAttempt(outcome: AttemptOutcome, retry: Omit<RetryInput, 'retryAfterMs'>): DeliveryStep {
  if (outcome.kind === 'success') return { kind: 'succeeded' };
  const retryAfterMs = outcome.kind === 'throttled' ? outcome.retryAfterMs : null;
  return nextRetry({ ...retry, retryAfterMs });
}

/** The attempt's effect on its endpoint. */
export function endpointEffect(outcome: AttemptOutcome): EndpointEffect {
  switch (outcome.kind) {
    case 'success':
      return { kind: 'recovered' };
    case 'gone':
      return { kind: 'gone' };
    case 'throttled':
      return { kind: 'failing', pauseMs: outcome.retryAfterMs };
    case 'failure':
      return outcome.scope === 'endpoint' ? { kind: 'failing', pauseMs: null } : { kind: 'none' };
  }
}
