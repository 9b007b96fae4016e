/**
 * What a `/write` answer means for the lines that were sent. Pure, so the whole table of server answers
 * is unit-tested without a server.
 *
 * - `written`: 2xx, every line is stored.
 * - `partial`: InfluxDB 1.x stored the valid points and dropped the rest ("partial write", HTTP 400).
 * - `rejected`: the request was refused as a whole because of its content; the same bytes will be refused
 *   again, so the writer narrows it down (bisects) instead of retrying.
 * - `unavailable`: the store cannot take writes right now (outage or misconfiguration); retry later.
 */
export type WriteOutcome =
  | { kind: 'written' }
  | { kind: 'partial'; dropped: number; message: string }
  | { kind: 'rejected'; status: number; message: string }
  | { kind: 'unavailable'; status?: number; message: string };

const PARTIAL_WRITE = /partial write/i;
const DROPPED = /dropped=(\d+)/;

/**
 * Classifies an HTTP answer to `/write`. Sources for the status table:
 * InfluxDB 1.x returns 400 "partial write: … dropped=N" after storing the valid points (influxdata/influxdb
 * #7814); 2.x rejects the entire batch on the first bad point with 400, or 413 when it is too large, or 422
 * for semantic errors (docs.influxdata.com/influxdb/v2/write-data/troubleshoot/).
 *
 * 401/403/404 mean the credentials, permissions or database/bucket are wrong: every batch would fail the
 * same way, so they are treated as an outage (spooled, replayed once the operator fixes the store) rather
 * than a bad batch, which would silently throw away every reading (docs/decisions/0003).
 */
export function classifyWriteResponse(status: number, body: string): WriteOutcome {
  if (status >= 200 && status < 300) return { kind: 'written' };
  const message = errorMessage(body) || `HTTP ${status}`;
  if (status === 400 && PARTIAL_WRITE.test(message)) {
    // 1.x counts only points that parsed and were then refused; an unparseable line is not in `dropped`
    // (observed on 1.6.7: "partial write: unable to parse … dropped=0"), so at least one line was lost.
    const dropped = Number(DROPPED.exec(message)?.[1] ?? '0');
    return { kind: 'partial', dropped: Math.max(dropped, 1), message };
  }
  if (
    status === 429 ||
    status >= 500 ||
    status === 401 ||
    status === 403 ||
    status === 404 ||
    status === 408
  ) {
    return { kind: 'unavailable', status, message };
  }
  if (status >= 400) return { kind: 'rejected', status, message };
  // 1xx/3xx: nothing InfluxDB is documented to send; a proxy in between is misbehaving.
  return { kind: 'unavailable', status, message };
}

/** A transport failure (refused, reset, timed out, DNS): the store is unreachable. */
export function classifyNetworkError(err: unknown): WriteOutcome {
  const code = (err as { code?: unknown } | null)?.code;
  const text = err instanceof Error ? err.message : String(err);
  return { kind: 'unavailable', message: typeof code === 'string' ? `${code}: ${text}` : text };
}

/** InfluxDB answers `{"error": "..."}` (1.x) or `{"code": "...", "message": "..."}` (2.x). */
export function errorMessage(body: string): string {
  if (body === '') return '';
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON (a proxy's HTML page, say): fall through to the raw text
  }
  return body.slice(0, 500);
}
