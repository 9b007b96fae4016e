import {
  classifyAttempt,
  parseRetryAfter,
  type AttemptOutcome,
  type AttemptResult,
} from './attempt-outcome.js';

const NOW = Date.UTC(2026, 10, 22, 8, 0, 0);

const cases: Array<[name: string, result: AttemptResult, outcome: AttemptOutcome]> = [
  ['200 is success', { kind: 'response', status: 200 }, { kind: 'success' }],
  ['204 is success', { kind: 'response', status: 204 }, { kind: 'success' }],
  ['299 is success', { kind: 'response', status: 299 }, { kind: 'success' }],
  [
    '301 is a failure (no redirects)',
    { kind: 'response', status: 301 },
    { kind: 'failure', scope: 'endpoint' },
  ],
  [
    '307 is a failure (no redirects)',
    { kind: 'response', status: 307 },
    { kind: 'failure', scope: 'endpoint' },
  ],
  [
    '400: the receiver refused the payload',
    { kind: 'response', status: 400 },
    { kind: 'failure', scope: 'message' },
  ],
  [
    '401: a message failure (wrong secret shows per payload)',
    { kind: 'response', status: 401 },
    { kind: 'failure', scope: 'message' },
  ],
  ['408 is about the receiver', { kind: 'response', status: 408 }, { kind: 'failure', scope: 'endpoint' }],
  ['410 disables the endpoint', { kind: 'response', status: 410 }, { kind: 'gone' }],
  ['429 without Retry-After', { kind: 'response', status: 429 }, { kind: 'throttled', retryAfterMs: null }],
  [
    '429 with Retry-After: 7',
    { kind: 'response', status: 429, retryAfter: '7' },
    { kind: 'throttled', retryAfterMs: 7000 },
  ],
  [
    '503 with Retry-After',
    { kind: 'response', status: 503, retryAfter: '120' },
    { kind: 'throttled', retryAfterMs: 120_000 },
  ],
  ['502 throttles', { kind: 'response', status: 502 }, { kind: 'throttled', retryAfterMs: null }],
  ['504 throttles', { kind: 'response', status: 504 }, { kind: 'throttled', retryAfterMs: null }],
  ['500 is a failure to retry', { kind: 'response', status: 500 }, { kind: 'failure', scope: 'endpoint' }],
  [
    '100 (no final answer) is a failure',
    { kind: 'response', status: 100 },
    { kind: 'failure', scope: 'endpoint' },
  ],
  ['a timeout', { kind: 'error', code: 'timeout' }, { kind: 'failure', scope: 'endpoint' }],
  ['a refused connection', { kind: 'error', code: 'connect' }, { kind: 'failure', scope: 'endpoint' }],
  [
    'a refused address (SSRF)',
    { kind: 'error', code: 'address_refused' },
    { kind: 'failure', scope: 'endpoint' },
  ],
];

describe('classifyAttempt', () => {
  it.each(cases)('%s', (_name, result, outcome) => expect(classifyAttempt(result, NOW)).toEqual(outcome));
});

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
  it.each([
    ['0', 0],
    ['7', 7000],
    [' 30 ', 30_000],
    ['Sun, 22 Nov 2026 08:01:00 GMT', 60_000],
    ['Sunday, 22-Nov-26 08:00:30 GMT', 30_000],
    ['Sun, 22 Nov 2026 07:00:00 GMT', 0],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['2026-11-22T08:01:00Z', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (value, ms) => expect(parseRetryAfter(value, NOW)).toBe(ms));
});
