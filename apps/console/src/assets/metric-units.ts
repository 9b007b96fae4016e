import type { Domain } from '#contracts';
import { METRIC_CATALOG, type MetricSpec } from '#domain';

/** The catalog entry of a metric of a domain (CONTRACT.md §4: the name fixes the unit). */
function metricSpec(domain: Domain, metric: string): MetricSpec | undefined {
  return METRIC_CATALOG[domain].find((m) => m.name === metric);
}

export function metricUnit(domain: Domain, metric: string): string | undefined {
  return metricSpec(domain, metric)?.unit;
}
