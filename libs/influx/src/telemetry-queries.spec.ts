import { InfluxError } from './influx-error.js';
import { parseDuration, quoteIdent, quoteString } from './influxql.js';
import { buildCountFilter, buildHistoryQuery, type HistoryQuery } from './telemetry-queries.js';

const base: HistoryQuery = {
  assetId: 'GAS-SEG-0001',
  metric: 'ch4_lel',
  from: 1_000_000,
  to: 4_600_000,
  every: '5m',
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof InfluxError ? err.code : 'not an InfluxError';
  }
  return undefined;
}

describe('buildHistoryQuery', () => {
  it('selects mean, min and max per device in time buckets over a half-open range', () => {
    expect(buildHistoryQuery(base)).toBe(
      'SELECT mean("ch4_lel") AS "mean", min("ch4_lel") AS "min", max("ch4_lel") AS "max" FROM "telemetry" ' +
        `WHERE "asset_id" = 'GAS-SEG-0001' AND time >= 1000000ms AND time < 4600000ms ` +
        'GROUP BY time(5m), "device_id" fill(none)',
    );
  });

  it('accepts Dates and device-health fields', () => {
    const q = buildHistoryQuery({
      ...base,
      metric: 'battery_pct',
      from: new Date(0),
      to: new Date(3_600_000),
      every: '1h',
    });
    expect(q).toContain('mean("battery_pct")');
    expect(q).toContain('time >= 0ms AND time < 3600000ms');
  });

  it.each<[string, Partial<HistoryQuery>]>([
    ['a metric outside the catalog', { metric: 'password' }],
    ['an injection through the metric', { metric: 'ch4_lel") FROM x; DROP DATABASE y; --' }],
    ['an injection through the asset id', { assetId: "x' OR '1'='1" }],
    ['an empty asset id', { assetId: '' }],
    ['a reversed range', { from: 5, to: 4 }],
    ['a fractional time', { from: 1.5 }],
    ['an invalid Date', { to: new Date('nope') }],
    ['a malformed bucket', { every: '5 minutes' }],
    ['an injection through every', { every: '5m), "x" fill(0' }],
    ['a zero bucket', { every: '0s' }],
    ['too many buckets', { every: '1ms' }],
  ])('refuses %s with invalid_query', (_name, over) => {
    expect(codeOf(() => buildHistoryQuery({ ...base, ...over }))).toBe('invalid_query');
  });
});

describe('buildCountFilter', () => {
  it('combines the given restrictions, or none', () => {
    expect(buildCountFilter({})).toBe('');
    expect(buildCountFilter({ deviceId: 'D-1', from: 0, to: 10 })).toBe(
      ` WHERE "device_id" = 'D-1' AND time >= 0ms AND time < 10ms`,
    );
  });
});

describe('InfluxQL quoting', () => {
  it.each([
    ['plain', '"plain"'],
    ['with "quote"', '"with \\"quote\\""'],
    ['back\\slash', '"back\\\\slash"'],
  ])('identifier %s → %s', (name, quoted) => {
    expect(quoteIdent(name)).toBe(quoted);
  });

  it.each([
    ["it's", "'it\\'s'"],
    ['back\\', "'back\\\\'"],
  ])('string %s → %s', (value, quoted) => {
    expect(quoteString(value)).toBe(quoted);
  });

  it('refuses control characters, which InfluxQL cannot escape', () => {
    expect(codeOf(() => quoteString('a\nb'))).toBe('invalid_query');
    expect(codeOf(() => quoteIdent('a\u0000'))).toBe('invalid_query');
  });

  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['2w', 1_209_600_000],
  ])('duration %s is %i ms', (literal, ms) => {
    expect(parseDuration(literal)).toBe(ms);
  });
});
