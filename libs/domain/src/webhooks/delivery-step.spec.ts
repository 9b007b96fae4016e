import type { AttemptOutcome } from './attempt-outcome.js';
import { afterAttempt, endpointEffect, type DeliveryStep, type EndpointEffect } from './delivery-step.js';

const retry = { schedule: [0, 1000, 2000], jitter: 0, random: 0.5 };

const steps: Array<[name: string, outcome: AttemptOutcome, attemptsMade: number, step: DeliveryStep]> = [
  ['success ends the delivery', { kind: 'success' }, 1, { kind: 'succeeded' }],
  ['success on the last attempt still succeeds', { kind: 'success' }, 3, { kind: 'succeeded' }],
  [
    'a failure retries on the schedule',
    { kind: 'failure', scope: 'endpoint' },
    1,
    { kind: 'retry', delayMs: 1000 },
  ],
  [
    'a payload failure retries too',
    { kind: 'failure', scope: 'message' },
    2,
    { kind: 'retry', delayMs: 2000 },
  ],
  ['the last failure dead-letters', { kind: 'failure', scope: 'endpoint' }, 3, { kind: 'dead' }],
  [
    'a throttle honours Retry-After',
    { kind: 'throttled', retryAfterMs: 5000 },
    1,
    { kind: 'retry', delayMs: 5000 },
  ],
  [
    'a throttle without Retry-After follows the schedule',
    { kind: 'throttled', retryAfterMs: null },
    1,
    { kind: 'retry', delayMs: 1000 },
  ],
  [
    '410 retries the delivery (kept for when the endpoint is re-enabled)',
    { kind: 'gone' },
    1,
    { kind: 'retry', delayMs: 1000 },
  ],
  ['410 on the last attempt dead-letters', { kind: 'gone' }, 3, { kind: 'dead' }],
];

describe('afterAttempt', () => {
  it.each(steps)('%s', (_name, outcome, attemptsMade, step) =>
    expect(afterAttempt(outcome, { ...retry, attemptsMade })).toEqual(step),
  );
});

const effects: Array<[outcome: AttemptOutcome, effect: EndpointEffect]> = [
  [{ kind: 'success' }, { kind: 'recovered' }],
  [{ kind: 'gone' }, { kind: 'gone' }],
  [
    { kind: 'throttled', retryAfterMs: 3000 },
    { kind: 'failing', pauseMs: 3000 },
  ],
  [
    { kind: 'throttled', retryAfterMs: null },
    { kind: 'failing', pauseMs: null },
  ],
  [
    { kind: 'failure', scope: 'endpoint' },
    { kind: 'failing', pauseMs: null },
  ],
  [{ kind: 'failure', scope: 'message' }, { kind: 'none' }],
];

describe('endpointEffect', () => {
  it.each(effects)('%j → %j', (outcome, effect) => expect(endpointEffect(outcome)).toEqual(effect));
});
