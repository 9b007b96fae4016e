import { parsePrometheus, promSum, promValue } from './prom-text.js';

const TEXT = `# HELP lifeline_influx_lines_total Telemetry lines by outcome
# TYPE lifeline_influx_lines_total counter
lifeline_influx_lines_total{outcome="written"} 12000
lifeline_influx_lines_total{outcome="spooled"} 300
lifeline_influx_spool_lines 42
lifeline_ingest_rejections_total{reason="out_of_range",extra="a \\"quoted\\" value"} 3
process_start_time_seconds 1763798400 1763798400000
bad_line_without_value
`;

describe('parsePrometheus', () => {
  const m = parsePrometheus(TEXT);

  it.each([
    ['lifeline_influx_lines_total', { outcome: 'written' }, 12000],
    ['lifeline_influx_lines_total', { outcome: 'spooled' }, 300],
    ['lifeline_influx_lines_total', { outcome: 'replayed' }, 0],
    ['lifeline_influx_spool_lines', {}, 42],
    ['lifeline_ingest_rejections_total', { reason: 'out_of_range' }, 3],
    ['lifeline_ingest_rejections_total', { extra: 'a "quoted" value' }, 3],
    ['process_start_time_seconds', {}, 1763798400],
    ['absent', {}, 0],
  ])('%s %j = %d', (name, labels, value) => {
    expect(promValue(m, name, labels)).toBe(value);
  });

  it('sums a metric over its labels', () => {
    expect(promSum(m, 'lifeline_influx_lines_total')).toBe(12300);
  });

  it('skips comments and lines without a value', () => {
    expect([...m.keys()].some((k) => k.startsWith('bad_line'))).toBe(false);
  });
});
