import type { Domain } from '#contracts';
import { InfluxError } from './influx-error.js';

/**
 * One accepted reading as it is stored. Tags carry the low-cardinality identity (ARCHITECTURE.md
 * "Stores and why"); fields carry the metric values, the device counter and the quality flag.
 */
export interface StoredReading {
  domain: Domain;
  /** Administrative district of the asset; omitted from the point when empty (tags can't be empty). */
  district: string;
  assetId: string;
  deviceId: string;
  /** Measurement time, epoch milliseconds (written with `precision=ms`). */
  ts: number;
  /** Per-device counter (CONTRACT.md §1), stored as an integer field so zero-loss checks can count it. */
  seq: number;
  /** Catalog metric name → value; every value is written as a float. */
  metrics: Record<string, number>;
  quality: 'good' | 'backfill' | 'suspect';
  batteryPct?: number;
  rssiDbm?: number;
}

/** The measurement every reading is written to. */
export const TELEMETRY_MEASUREMENT = 'telemetry';

/** Field keys the encoder writes itself; a metric with one of these names would collide. */
const RESERVED_FIELDS: ReadonlySet<string> = new Set(['seq', 'quality', 'battery_pct', 'rssi_dbm', 'time']);

// Line protocol reference (docs.influxdata.com/influxdb/v1/write_protocols/line_protocol_reference):
// tag keys, tag values and field keys escape comma, equals sign and space with a backslash; string field
// values escape double quote and backslash; a newline cannot be represented in either.
const KEY_SPECIAL = /[,= ]/g;
const KEY_NEEDS_WORK = /[,= \\\n\r]/;
const STRING_SPECIAL = /["\\]/g;
const NEWLINE = /[\n\r]/;

/**
 * Encodes one reading as a line of line protocol, timestamp in milliseconds. Tags are emitted in key
 * order (asset_id, device_id, district, domain), which the reference recommends so the server does not
 * have to sort them. Throws InfluxError `unrepresentable_value` for input line protocol cannot carry.
 */
export function encodeReadingLine(r: StoredReading): string {
  let line = `${TELEMETRY_MEASUREMENT},asset_id=${tagValue(r.assetId, 'asset_id')},device_id=${tagValue(r.deviceId, 'device_id')}`;
  if (r.district !== '') line += `,district=${tagValue(r.district, 'district')}`;
  line += `,domain=${tagValue(r.domain, 'domain')} `;
  for (const name of Object.keys(r.metrics)) {
    if (RESERVED_FIELDS.has(name))
      throw unrepresentable(`metric name "${name}" collides with a reserved field`);
    line += `${escapeKey(name, 'metric name')}=${floatValue(r.metrics[name], name)},`;
  }
  line += `seq=${integerValue(r.seq, 'seq')}i,quality=${stringValue(r.quality, 'quality')}`;
  if (r.batteryPct !== undefined) line += `,battery_pct=${floatValue(r.batteryPct, 'battery_pct')}`;
  if (r.rssiDbm !== undefined) line += `,rssi_dbm=${floatValue(r.rssiDbm, 'rssi_dbm')}`;
  return `${line} ${integerValue(r.ts, 'ts')}`;
}

function tagValue(value: string, tag: string): string {
  if (value === '') throw unrepresentable(`tag ${tag} is empty`);
  return escapeKey(value, `tag ${tag}`);
}

/** Escapes a tag key, tag value or field key; the fast path returns the input untouched. */
function escapeKey(value: string, what: string): string {
  if (!KEY_NEEDS_WORK.test(value)) return value;
  if (NEWLINE.test(value)) throw unrepresentable(`${what} contains a newline`);
  // A trailing backslash would escape the separator after it (influxdata/telegraf#3004).
  if (value.endsWith('\\')) throw unrepresentable(`${what} ends with a backslash`);
  return value.replace(KEY_SPECIAL, '\\$&');
}

function stringValue(value: string, field: string): string {
  if (NEWLINE.test(value)) throw unrepresentable(`field ${field} contains a newline`);
  return `"${value.replace(STRING_SPECIAL, '\\$&')}"`;
}

/**
 * A float field: line protocol reads a number without the `i` suffix as a float, so `11` is stored as
 * 11.0 and never conflicts with an earlier fractional value of the same field.
 */
function floatValue(value: number, field: string): string {
  if (!Number.isFinite(value)) throw unrepresentable(`field ${field} is not a finite number`);
  return String(value);
}

function integerValue(value: number, field: string): string {
  if (!Number.isSafeInteger(value)) throw unrepresentable(`${field} is not a safe integer`);
  return String(value);
}

function unrepresentable(message: string): InfluxError {
  return new InfluxError('unrepresentable_value', message);
}
