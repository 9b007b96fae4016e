import { DOMAINS } from '#contracts';
import { METRIC_CATALOG, metricNames, metricSpec } from './metric-catalog.js';

describe('metric catalog', () => {
  it.each(DOMAINS)('defines at least four metrics with a sane range for %s', (domain) => {
    expect(METRIC_CATALOG[domain].length).toBeGreaterThanOrEqual(4);
    for (const spec of METRIC_CATALOG[domain]) expect(spec.min).toBeLessThan(spec.max);
  });

  it('finds a metric only in its own domain', () => {
    expect(metricSpec('gas', 'ch4_lel')?.unit).toBe('%LEL');
    expect(metricSpec('water', 'ch4_lel')).toBeUndefined();
    expect(metricNames('tunnel')).toContain('sump_level_m');
  });
});
