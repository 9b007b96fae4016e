import { InfluxError } from './influx-error.js';

// Quoting rules from the InfluxQL reference (docs.influxdata.com/influxdb/v1/query_language/spec/):
// identifiers are double-quoted with `\"` for a quote inside; string literals are single-quoted with `\'`;
// a backslash escapes itself in both.

/** A double-quoted InfluxQL identifier (database, measurement, field or tag key). */
export function quoteIdent(name: string): string {
  assertPrintable(name, 'identifier');
  return `"${name.replace(/[\\"]/g, '\\$&')}"`;
}

/** A single-quoted InfluxQL string literal (tag values in WHERE). */
export function quoteString(value: string): string {
  assertPrintable(value, 'string');
  return `'${value.replace(/[\\']/g, '\\$&')}'`;
}

/**
 * An absolute time as an epoch duration literal (`1763798400000ms`), which InfluxQL accepts wherever a
 * timestamp is expected (docs.influxdata.com/influxdb/v2/query-data/influxql/explore-data/time-and-timezone/).
 */
export function timeLiteral(epochMs: number): string {
  if (!Number.isSafeInteger(epochMs)) throw invalid(`time ${epochMs} is not an integer epoch in ms`);
  return `${epochMs}ms`;
}

const DURATION = /^([1-9][0-9]{0,8})(ms|s|m|h|d|w)$/;
const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1e3,
  m: 60e3,
  h: 3600e3,
  d: 86400e3,
  w: 604800e3,
};

/** Parses an InfluxQL duration literal such as `5m` or `1h` to milliseconds; throws `invalid_query` otherwise. */
export function parseDuration(literal: string): number {
  const match = DURATION.exec(literal);
  if (!match) throw invalid(`"${literal}" is not a duration such as 30s, 5m, 1h or 1d`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

function assertPrintable(value: string, what: string): void {
  // Control characters have no escape in InfluxQL; refuse them rather than send something ambiguous.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value)) throw invalid(`${what} contains a control character`);
}

function invalid(message: string): InfluxError {
  return new InfluxError('invalid_query', message);
}
