/**
 * What one delivery attempt means (PEERS.md §3 "Delivery", Standard Webhooks spec 1.0.0): 2xx is
 * success; 3xx is a failure (redirects are not followed); 410 Gone disables the endpoint; 429, 502,
 * 503 and 504 throttle, honouring Retry-After; everything else is a failure to retry.
 *
 * `scope` says what a failure is about: `endpoint` (the receiver is unreachable or unwell — timeouts,
 * refused connections, 5xx, redirects) or `message` (the receiver refused this payload — 4xx). When an
 * endpoint recovers, only deliveries that failed for endpoint reasons are sent again at once; a payload
 * the receiver rejects keeps its own back-off.
 */

/** Network-level failures the HTTP client reports instead of a status code. */
export const ATTEMPT_ERRORS = [
  /** The endpoint's signing secret could not be decrypted (WEBHOOK_SECRET_KEY changed): nothing was sent. */
  'secret_unreadable',
  'dns',
  'address_refused',
  'connect',
  'tls',
  'timeout',
  'reset',
  'aborted',
  'protocol',
] as const;
export type AttemptErrorCode = (typeof ATTEMPT_ERRORS)[number];

export type AttemptResult =
  | { kind: 'response'; status: number; retryAfter?: string | null }
  | { kind: 'error'; code: AttemptErrorCode };

export type AttemptOutcome =
  | { kind: 'success' }
  | { kind: 'gone' }
  | { kind: 'throttled'; retryAfterMs: number | null }
  | { kind: 'failure'; scope: 'endpoint' | 'message' };

/** Statuses the spec lists as "throttle". */
const THROTTLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Classifies an attempt; `nowMs` resolves an HTTP-date Retry-After. */
export function classifyAttempt(result: AttemptResult, nowMs: number): AttemptOutcome {
  if (result.kind === 'error') return { kind: 'failure', scope: 'endpoint' };
  const status = result.status;
  if (status >= 200 && status < 300) return { kind: 'success' };
  if (status === 410) return { kind: 'gone' };
  if (THROTTLE_STATUSES.has(status))
    return { kind: 'throttled', retryAfterMs: parseRetryAfter(result.retryAfter, nowMs) };
  // 408 Request Timeout is the receiver's state, not the payload's.
  if (status >= 400 && status < 500 && status !== 408) return { kind: 'failure', scope: 'message' };
  return { kind: 'failure', scope: 'endpoint' };
}

/**
 * RFC 9110 §10.2.3: `Retry-After: <delay-seconds>` or `Retry-After: <HTTP-date>`. Returns the wait in
 * ms (0 for a date in the past), or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form (RFC 9110 §5.6.7: IMF-fixdate, RFC 850, asctime) is in GMT; asctime says so
  // implicitly, and is obsolete — require the zone so Date.parse never guesses a local time.
  if (!/ GMT$/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
