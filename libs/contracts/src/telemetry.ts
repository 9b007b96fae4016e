/** Device → platform payloads (CONTRACT.md §1). Shapes as sent on the wire, before validation. */

/** Largest telemetry document accepted, in bytes (CONTRACT.md §1). */
export const MAX_TELEMETRY_BYTES = 64 * 1024;
/** Largest backlog batch, in samples (CONTRACT.md §1). */
export const MAX_BACKLOG_SAMPLES = 1000;

export interface TelemetrySample {
  /** Epoch milliseconds, or an ISO-8601 string. */
  ts: number | string;
  /** Per-device counter used to drop duplicates. */
  seq: number;
  metrics: Record<string, number>;
  battery_pct?: number;
  rssi_dbm?: number;
}

/** A backlog after reconnect: at most MAX_BACKLOG_SAMPLES samples. */
export interface TelemetryBacklog {
  samples: TelemetrySample[];
}

export type TelemetryMessage = TelemetrySample | TelemetryBacklog;

export interface StatusMessage {
  online: boolean;
}

export interface DeviceEventMessage {
  ts: number | string;
  type: string;
  detail?: Record<string, unknown>;
}

/** Platform → device, on `…/errors`, one for every rejected message or sample. */
export interface DeviceErrorMessage {
  ts: number;
  code: RejectionCode;
  message: string;
  topic: string;
  seq?: number;
}

/** Why a message or sample was refused; also the `reason` label of the rejection counters. */
export const REJECTION_CODES = [
  'payload_too_large',
  'malformed_json',
  'invalid_document',
  'too_many_samples',
  'invalid_timestamp',
  'timestamp_in_future',
  'timestamp_too_old',
  'invalid_seq',
  'duplicate_seq',
  'unknown_metric',
  'undeclared_metric',
  'non_finite_value',
  'out_of_range',
  'unknown_device',
  'device_disabled',
  'domain_mismatch',
  'topic_not_allowed',
  'invalid_topic',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];
