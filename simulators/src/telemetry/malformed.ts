import { MAX_TELEMETRY_BYTES, type RejectionCode } from '#contracts';
import { type Sample, encodeSample } from './encode.js';

/**
 * Bad documents for the `malformed` fault, one per rejection the platform must give a reason for
 * (CONTRACT.md §1): each kind maps to the rejection code it should earn.
 */
export const MALFORMED_KINDS = [
  'invalid_json',
  'unknown_metric',
  'non_finite',
  'oversized',
  'future_timestamp',
] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

export const EXPECTED_REJECTION: Readonly<Record<MalformedKind, RejectionCode>> = {
  invalid_json: 'malformed_json',
  unknown_metric: 'unknown_metric',
  non_finite: 'non_finite_value',
  oversized: 'payload_too_large',
  future_timestamp: 'timestamp_in_future',
};

/** A metric name no catalog domain defines. */
export const UNKNOWN_METRIC = 'vibration_index';
/** One hour ahead: far beyond the 5-minute future tolerance of CONTRACT.md §1. */
export const FUTURE_SKEW_MS = 3_600_000;

/** The bad payload of `kind`, built around a real sample so its seq and ts are plausible. */
export function malformedPayload(kind: MalformedKind, sample: Sample): string {
  switch (kind) {
    case 'invalid_json':
      // A document cut short, as a modem dropping the last bytes of a frame would leave it.
      return encodeSample(sample).slice(0, -2);
    case 'unknown_metric':
      return encodeSample({ ...sample, metrics: { ...sample.metrics, [UNKNOWN_METRIC]: 1 } });
    case 'non_finite': {
      // JSON cannot carry NaN; 1e999 parses to Infinity, which is what a broken float formatter emits.
      const [name] = Object.keys(sample.metrics);
      return `{"ts":${sample.ts},"seq":${sample.seq},"metrics":{"${name ?? 'value'}":1e999}}`;
    }
    case 'oversized': {
      const base = encodeSample(sample);
      return `${base.slice(0, -1)},"debug":"${'x'.repeat(MAX_TELEMETRY_BYTES + 1024 - base.length)}"}`;
    }
    case 'future_timestamp':
      return encodeSample({ ...sample, ts: sample.ts + FUTURE_SKEW_MS });
  }
}
