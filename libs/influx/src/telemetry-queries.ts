import { REGISTRY_ID_PATTERN } from '#contracts';
import { HEALTH_RANGES, METRIC_CATALOG } from '#domain';
import { InfluxError } from './influx-error.js';
import type { InfluxSeries } from './influx-http.js';
import { parseDuration, quoteIdent, quoteString, timeLiteral } from './influxql.js';
import { TELEMETRY_MEASUREMENT } from './line-protocol.js';

export interface HistoryQuery {
  assetId: string;
  /** A catalog metric name (CONTRACT.md §4) or a device-health field (`battery_pct`, `rssi_dbm`). */
  metric: string;
  /** Half-open range [from, to), epoch ms or Date. */
  from: number | Date;
  to: number | Date;
  /** Bucket width as an InfluxQL duration: `30s`, `5m`, `1h`, `1d`. */
  every: string;
}

export interface HistoryPoint {
  /** Start of the bucket, epoch ms (buckets are aligned to the epoch, InfluxQL's GROUP BY time default). */
  ts: number;
  mean: number;
  min: number;
  max: number;
}

export interface DeviceHistory {
  deviceId: string;
  points: HistoryPoint[];
}

export interface TimeRange {
  from?: number | Date;
  to?: number | Date;
}

/** Most buckets one history query may ask for: keeps an API answer to a few hundred kB at worst. */
export const MAX_HISTORY_BUCKETS = 10_000;

/** Every field name a history query may select: the metric catalog plus the device-health fields. */
const QUERYABLE_FIELDS: ReadonlySet<string> = new Set([
  ...Object.values(METRIC_CATALOG).flatMap((specs) => specs.map((s) => s.name)),
  ...Object.keys(HEALTH_RANGES),
]);

/**
 * Builds the InfluxQL for a downsampled history. Every input is validated or quoted: ids must match the
 * registry pattern, the metric must be a catalog name, times are integers, `every` a bounded duration.
 */
export function buildHistoryQuery(q: HistoryQuery): string {
  const field = quoteIdent(queryableField(q.metric));
  const from = epochMs(q.from, 'from');
  const to = epochMs(q.to, 'to');
  if (to <= from) throw invalid('"to" must be after "from"');
  const every = parseDuration(q.every);
  if ((to - from) / every > MAX_HISTORY_BUCKETS) {
    throw invalid(`${q.every} buckets over this range exceed ${MAX_HISTORY_BUCKETS}; use a wider "every"`);
  }
  return (
    `SELECT mean(${field}) AS "mean", min(${field}) AS "min", max(${field}) AS "max" ` +
    `FROM ${quoteIdent(TELEMETRY_MEASUREMENT)} ` +
    `WHERE "asset_id" = ${quoteString(registryId(q.assetId, 'assetId'))} ` +
    `AND time >= ${timeLiteral(from)} AND time < ${timeLiteral(to)} ` +
    `GROUP BY time(${q.every}), "device_id" fill(none)`
  );
}

/** `WHERE` clause for the counting helpers; empty when nothing restricts the query. */
export function buildCountFilter(filter: TimeRange & { deviceId?: string; assetId?: string }): string {
  const terms: string[] = [];
  if (filter.deviceId !== undefined)
    terms.push(`"device_id" = ${quoteString(registryId(filter.deviceId, 'deviceId'))}`);
  if (filter.assetId !== undefined)
    terms.push(`"asset_id" = ${quoteString(registryId(filter.assetId, 'assetId'))}`);
  if (filter.from !== undefined) terms.push(`time >= ${timeLiteral(epochMs(filter.from, 'from'))}`);
  if (filter.to !== undefined) terms.push(`time < ${timeLiteral(epochMs(filter.to, 'to'))}`);
  return terms.length > 0 ? ` WHERE ${terms.join(' AND ')}` : '';
}

/** Read-side queries over the `telemetry` measurement. */
export class TelemetryQueries {
  constructor(private readonly influx: { query(influxql: string): Promise<InfluxSeries[]> }) {}

  /** Mean/min/max of one metric per device of an asset, in `every` buckets; devices sorted by id. */
  async telemetryHistory(q: HistoryQuery): Promise<DeviceHistory[]> {
    const series = await this.influx.query(buildHistoryQuery(q));
    return series
      .map((s) => ({ deviceId: s.tags?.device_id ?? '', points: s.values.map(historyPoint) }))
      .sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0));
  }

  /** Number of stored readings (one `seq` field per reading) matching the filter. */
  async countPoints(filter: TimeRange & { deviceId?: string; assetId?: string } = {}): Promise<number> {
    const series = await this.influx.query(`SELECT count("seq") FROM "telemetry"${buildCountFilter(filter)}`);
    return Number(series[0]?.values[0]?.[1] ?? 0);
  }

  /** Number of distinct `seq` values stored for a device: equals the readings sent when nothing was lost. */
  async distinctSeqCount(deviceId: string, range: TimeRange = {}): Promise<number> {
    const where = buildCountFilter({ ...range, deviceId });
    const series = await this.influx.query(`SELECT count(distinct("seq")) FROM "telemetry"${where}`);
    return Number(series[0]?.values[0]?.[1] ?? 0);
  }

  /** Per device: stored points and distinct seqs, for zero-loss checks over many devices in one query. */
  async seqCountsByDevice(
    range: TimeRange = {},
  ): Promise<Map<string, { points: number; distinctSeq: number }>> {
    const series = await this.influx.query(
      `SELECT count("seq") AS "points", count(distinct("seq")) AS "seqs" FROM "telemetry"${buildCountFilter(range)} GROUP BY "device_id"`,
    );
    return new Map(
      series.map((s) => [
        s.tags?.device_id ?? '',
        { points: Number(s.values[0]?.[1] ?? 0), distinctSeq: Number(s.values[0]?.[2] ?? 0) },
      ]),
    );
  }
}

function historyPoint(row: unknown[]): HistoryPoint {
  return { ts: Number(row[0]), mean: Number(row[1]), min: Number(row[2]), max: Number(row[3]) };
}

function queryableField(metric: string): string {
  if (!QUERYABLE_FIELDS.has(metric)) throw invalid(`"${metric}" is not a catalog metric`);
  return metric;
}

function registryId(id: string, what: string): string {
  if (!REGISTRY_ID_PATTERN.test(id)) throw invalid(`${what} "${id}" is not a registry id`);
  return id;
}

function epochMs(value: number | Date, what: string): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (!Number.isSafeInteger(ms)) throw invalid(`"${what}" is not a valid time`);
  return ms;
}

function invalid(message: string): InfluxError {
  return new InfluxError('invalid_query', message);
}
