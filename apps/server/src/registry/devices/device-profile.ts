import type { Domain } from '#contracts';
import { metricNames, metricSpec } from '#domain';
import type { FieldError } from '../../errors/app.exception.js';

export type MetricRanges = Record<string, { min: number; max: number }>;

/**
 * Problems with a device profile against the metric catalog (CONTRACT.md §4): every declared metric must
 * exist for the device's domain, and a per-device range may only narrow the catalog's physical range of a
 * metric the device declares.
 */
export function profileProblems(
  domain: Domain,
  metrics: readonly string[],
  ranges: Record<string, unknown> = {},
): FieldError[] {
  const problems: FieldError[] = [];
  metrics.forEach((metric, i) => {
    if (!metricSpec(domain, metric)) {
      problems.push({
        field: `metrics.${i}`,
        message: `${metric} is not a ${domain} metric (catalog: ${metricNames(domain).join(', ')})`,
      });
    }
  });
  for (const [metric, range] of Object.entries(ranges)) {
    const problem = rangeProblem(domain, metrics, metric, range);
    if (problem) problems.push({ field: `ranges.${metric}`, message: problem });
  }
  return problems;
}

function rangeProblem(
  domain: Domain,
  metrics: readonly string[],
  metric: string,
  range: unknown,
): string | null {
  if (!metrics.includes(metric)) return `${metric} is not among the device's metrics`;
  const spec = metricSpec(domain, metric);
  if (!spec) return null; // already reported under metrics
  const { min, max } = (range ?? {}) as { min?: unknown; max?: unknown };
  if (typeof min !== 'number' || typeof max !== 'number' || !Number.isFinite(min) || !Number.isFinite(max)) {
    return 'must be { min, max } with finite numbers';
  }
  if (min >= max) return 'min must be below max';
  if (min < spec.min || max > spec.max)
    return `must lie within the catalog range [${spec.min}, ${spec.max}] ${spec.unit}`;
  return null;
}
