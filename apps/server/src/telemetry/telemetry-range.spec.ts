import { resolveRange } from './telemetry-range.js';

const NOW = Date.parse('2026-11-22T08:00:00Z');

describe('resolveRange', () => {
  it('defaults to the last 24 h in 5-minute buckets', () => {
    expect(resolveRange({}, NOW)).toEqual({ from: NOW - 86_400_000, to: NOW, every: '5m' });
  });

  it('keeps what the caller gives and picks a bucket for the range', () => {
    expect(resolveRange({ from: '2026-11-22T07:00:00Z', to: '2026-11-22T08:00:00Z' }, NOW).every).toBe('30s');
    expect(resolveRange({ from: '2026-11-15T08:00:00Z' }, NOW).every).toBe('1h');
    expect(resolveRange({ every: '1m' }, NOW).every).toBe('1m');
  });
});
