import { MAX_BACKLOG_SAMPLES, MAX_TELEMETRY_BYTES } from '#contracts';
import type { Metrics } from '../signals/index.js';

/** One measurement as the device takes it, before it is numbered. */
export interface Reading {
  ts: number;
  metrics: Metrics;
  battery_pct?: number;
  rssi_dbm?: number;
}

/** A numbered measurement: the CONTRACT.md §1 telemetry document. */
export interface Sample extends Reading {
  seq: number;
}

/** `{ ts, seq, metrics, battery_pct?, rssi_dbm? }` exactly as CONTRACT.md §1 shows it. */
export function encodeSample(s: Sample): string {
  return JSON.stringify({
    ts: s.ts,
    seq: s.seq,
    metrics: s.metrics,
    ...(s.battery_pct === undefined ? {} : { battery_pct: s.battery_pct }),
    ...(s.rssi_dbm === undefined ? {} : { rssi_dbm: s.rssi_dbm }),
  });
}

const OPEN = '{"samples":[';
const CLOSE = ']}';

/**
 * A backlog as `{"samples":[…]}` documents, in order, each within both CONTRACT.md §1 limits: at most
 * 1,000 samples and at most 64 KiB.
 */
export function encodeBacklog(samples: readonly Sample[]): string[] {
  const batches: string[] = [];
  let parts: string[] = [];
  let bytes = OPEN.length + CLOSE.length;
  const flush = (): void => {
    if (parts.length > 0) batches.push(`${OPEN}${parts.join(',')}${CLOSE}`);
    parts = [];
    bytes = OPEN.length + CLOSE.length;
  };
  for (const s of samples) {
    const doc = encodeSample(s);
    const size = Buffer.byteLength(doc) + (parts.length > 0 ? 1 : 0);
    if (parts.length >= MAX_BACKLOG_SAMPLES || bytes + size > MAX_TELEMETRY_BYTES) flush();
    parts.push(doc);
    bytes += Buffer.byteLength(doc) + (parts.length > 1 ? 1 : 0);
  }
  flush();
  return batches;
}
