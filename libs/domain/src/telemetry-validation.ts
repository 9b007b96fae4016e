import { MAX_BACKLOG_SAMPLES, MAX_TELEMETRY_BYTES, type Domain } from '#contracts';
import { HEALTH_RANGES, metricSpec } from './metric-catalog.js';
import {
  checkFinite,
  checkInRange,
  checkSeq,
  checkTimestamp,
  isPlainObject,
  show,
  type Checked,
  type Range,
  type Rejection,
  type TimeWindow,
} from './telemetry-validation-fields.js';

export type { Rejection, TimeWindow } from './telemetry-validation-fields.js';
export { checkTimestamp, parseIsoTimestamp } from './telemetry-validation-fields.js';

/** What validation needs to know about the publishing device (a registry row, cached). */
export interface DeviceProfile {
  id: string;
  domain: Domain;
  /** Metric names the device declares; each should be in the catalog for its domain. */
  metrics: readonly string[];
  /** Per-device ranges, narrower than the catalog's physical ranges (e.g. a 0–50 %LEL sensor head). */
  ranges?: Readonly<Record<string, Range>>;
  enabled: boolean;
}

/** One sample that passed validation: the metrics and health fields that survived. */
export interface ValidReading {
  ts: number;
  seq: number;
  metrics: Record<string, number>;
  batteryPct?: number;
  rssiDbm?: number;
  /** Some of the sample's values were rejected; what remains is kept but is worth less trust. */
  partial: boolean;
}

export interface TelemetryValidation {
  accepted: ValidReading[];
  rejected: Rejection[];
  /** The message was a backlog `{samples: […]}` sent after an outage (CONTRACT.md §1). */
  backlog: boolean;
}

/**
 * Validates one telemetry message (CONTRACT.md §1) against the metric catalog and the device's profile.
 *
 * Granularity (docs/decisions/0006-ingest-pipeline.md): a bad document rejects the whole message; a bad
 * `ts` or `seq` rejects its sample; a bad *value* rejects only that value and the rest of the sample is
 * kept (marked `partial`); a sample whose every metric is rejected is dropped. One bad sample never drops
 * the good ones of its batch. Never throws, whatever the payload.
 */
export function validateTelemetry(
  payload: Buffer,
  device: DeviceProfile,
  ctx: TimeWindow,
): TelemetryValidation {
  const accepted: ValidReading[] = [];
  const rejected: Rejection[] = [];
  const samples = readSamples(payload, rejected);
  if (samples === null) return { accepted, rejected, backlog: false };
  for (let i = 0; i < samples.list.length; i++) {
    const reading = validateSample(samples.list[i], i, samples.backlog, device, ctx, rejected);
    if (reading) accepted.push(reading);
  }
  return { accepted, rejected, backlog: samples.backlog };
}

/** Parses the document and returns its samples, or null after recording why the whole message is refused. */
function readSamples(payload: Buffer, rejected: Rejection[]): { list: unknown[]; backlog: boolean } | null {
  if (payload.length > MAX_TELEMETRY_BYTES) {
    rejected.push({
      code: 'payload_too_large',
      message: `payload is ${payload.length} bytes; the limit is ${MAX_TELEMETRY_BYTES} bytes`,
    });
    return null;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    rejected.push({
      code: 'malformed_json',
      message: `payload is not valid JSON: ${(err as Error).message}`,
    });
    return null;
  }
  if (!isPlainObject(doc)) {
    rejected.push({ code: 'invalid_document', message: `payload must be a JSON object, got ${show(doc)}` });
    return null;
  }
  if (!('samples' in doc)) return { list: [doc], backlog: false };
  const samples = doc.samples;
  if (!Array.isArray(samples)) {
    rejected.push({ code: 'invalid_document', message: `"samples" must be an array, got ${show(samples)}` });
    return null;
  }
  if (samples.length > MAX_BACKLOG_SAMPLES) {
    const message = `backlog has ${samples.length} samples; at most ${MAX_BACKLOG_SAMPLES} are accepted per message`;
    rejected.push({ code: 'too_many_samples', message });
    return null;
  }
  return { list: samples, backlog: true };
}

function validateSample(
  raw: unknown,
  index: number,
  backlog: boolean,
  device: DeviceProfile,
  ctx: TimeWindow,
  rejected: Rejection[],
): ValidReading | null {
  const where = backlog ? `sample ${index}` : 'the document';
  if (!isPlainObject(raw)) {
    rejected.push({ code: 'invalid_document', message: `${where} must be a JSON object, got ${show(raw)}` });
    return null;
  }
  const seq = checkSeq(raw.seq);
  if (!seq.ok) return reject(rejected, seq, where);
  const ts = checkTimestamp(raw.ts, ctx, seq.value);
  if (!ts.ok) return reject(rejected, ts);
  if (!isPlainObject(raw.metrics) || Object.keys(raw.metrics).length === 0) {
    const message = `${where} needs a non-empty "metrics" object, got ${show(raw.metrics)}`;
    rejected.push({ code: 'invalid_document', message, seq: seq.value });
    return null;
  }
  const before = rejected.length;
  const metrics = validateMetrics(raw.metrics, device, seq.value, rejected);
  if (metrics === null) return null;
  const reading: ValidReading = { ts: ts.value, seq: seq.value, metrics, partial: false };
  const battery = optionalHealth(
    raw.battery_pct,
    'battery_pct',
    HEALTH_RANGES.battery_pct,
    '%',
    seq.value,
    rejected,
  );
  if (battery !== undefined) reading.batteryPct = battery;
  const rssi = optionalHealth(raw.rssi_dbm, 'rssi_dbm', HEALTH_RANGES.rssi_dbm, 'dBm', seq.value, rejected);
  if (rssi !== undefined) reading.rssiDbm = rssi;
  reading.partial = rejected.length > before;
  return reading;
}

function reject(rejected: Rejection[], check: Checked<unknown> & { ok: false }, where?: string): null {
  const r = check.rejection;
  rejected.push(where && r.code === 'invalid_seq' ? { ...r, message: `${where}: ${r.message}` } : r);
  return null;
}

/** The surviving metrics, or null when every one was rejected (the sample is then dropped). */
function validateMetrics(
  raw: Record<string, unknown>,
  device: DeviceProfile,
  seq: number,
  rejected: Rejection[],
): Record<string, number> | null {
  const metrics: Record<string, number> = {};
  let kept = 0;
  for (const name of Object.keys(raw)) {
    const value = checkMetric(name, raw[name], device, seq);
    if (value.ok) {
      metrics[name] = value.value;
      kept++;
    } else {
      rejected.push(value.rejection);
    }
  }
  return kept > 0 ? metrics : null;
}

/** Catalog membership, declaration, finiteness, then the catalog's and the device's ranges, in that order. */
export function checkMetric(
  name: string,
  raw: unknown,
  device: DeviceProfile,
  seq?: number,
): Checked<number> {
  const spec = metricSpec(device.domain, name);
  const label = `metric ${JSON.stringify(name.length > 40 ? `${name.slice(0, 37)}...` : name)}`;
  if (!spec) return fail('unknown_metric', `${label} is not in the ${device.domain} metric catalog`, seq);
  if (!device.metrics.includes(name))
    return fail('undeclared_metric', `${label} is not declared by device ${device.id}`, seq);
  const value = checkFinite(raw, label, seq);
  if (!value.ok) return value;
  const physical = checkInRange(value.value, spec, spec.unit, label, 'the physical range', seq);
  if (!physical.ok) return physical;
  if (spec.integer && !Number.isInteger(value.value)) {
    return fail(
      'out_of_range',
      `${label} value ${value.value} is not one of the integers ${spec.min}–${spec.max} (${spec.unit})`,
      seq,
    );
  }
  const own = device.ranges?.[name];
  return own ? checkInRange(value.value, own, spec.unit, label, 'the device range', seq) : value;
}

function fail(code: Rejection['code'], message: string, seq?: number): Checked<number> {
  return { ok: false, rejection: seq === undefined ? { code, message } : { code, message, seq } };
}

/** battery_pct / rssi_dbm (DOMAIN.md §a.7): a bad one is rejected on its own, never taking the metrics with it. */
function optionalHealth(
  raw: unknown,
  name: string,
  range: Range,
  unit: string,
  seq: number,
  rejected: Rejection[],
): number | undefined {
  if (raw === undefined) return undefined;
  const value = checkFinite(raw, name, seq);
  const inRange = value.ok ? checkInRange(value.value, range, unit, name, 'the valid range', seq) : value;
  if (inRange.ok) return inRange.value;
  rejected.push(inRange.rejection);
  return undefined;
}
