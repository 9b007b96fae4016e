import { metricSpec } from '#domain';
import { channel, hash, unit } from '../../prng.js';
import { MINUTE_MS } from '../envelope.js';
import type { Scenario, ScenarioContext } from '../types.js';

/**
 * Sensor faults that corrupt values (PEERS.md §5.G; the platform should flag them as bad quality rather
 * than alarm on them, §5.A.5).
 */

/** `stuck`: every metric frozen at its value when the fault began (a hung ADC or a frozen firmware loop). */
export const stuck: Scenario = {
  name: 'stuck',
  summary: 'values frozen at the reading taken when the fault began (stuck-at sensor), 30 min',
  domains: 'any',
  durationMs: 30 * MINUTE_MS,
  spread: 'asset',
  modify: (_m, ctx) => ctx.baseAt(ctx.t - ctx.elapsedMs),
};

/** A spike on roughly one reading in three. */
const SPIKE_SHARE = 1 / 3;

/**
 * `spike`: isolated absurd readings. Odd spikes stay inside the metric's physical range but jump to its top
 * (plausible to a range check, absurd to a rate-of-change check); even ones leave the range entirely and
 * must be rejected with `out_of_range` (CONTRACT.md §1).
 */
export function spikeValue(
  metric: string,
  domain: ScenarioContext['device']['domain'],
  inRange: boolean,
): number | undefined {
  const spec = metricSpec(domain, metric);
  if (!spec) return undefined;
  if (inRange) return spec.integer ? spec.max : spec.max - (spec.max - spec.min) * 0.02;
  return spec.max + (spec.max - spec.min) + 1;
}

export const spike: Scenario = {
  name: 'spike',
  summary:
    'single absurd spikes on ~1 reading in 3: half jump to the range top, half leave the physical range',
  domains: 'any',
  durationMs: 10 * MINUTE_MS,
  spread: 'asset',
  modify: (metrics, ctx) => {
    const second = Math.floor(ctx.t / 1000);
    if (unit(ctx.device.key, second, 81) >= SPIKE_SHARE) return metrics;
    const names = Object.keys(metrics);
    if (names.length === 0) return metrics;
    const h = hash(ctx.device.key, second, 82);
    const name = names[h % names.length];
    const value = spikeValue(name, ctx.device.domain, (h >>> 8) % 2 === 1);
    return value === undefined ? metrics : { ...metrics, [name]: value };
  },
};

/** Drift rate: 2 % of the metric's physical span per hour of scenario time (ASSUMPTION). */
export const DRIFT_SPAN_PER_HOUR = 0.02;

/** `drift`: a slowly growing bias (fouled membrane, ageing reference), clipped at the range ends. */
export const drift: Scenario = {
  name: 'drift',
  summary: 'slow bias growing 2 % of the sensor span per hour, clipped at the range ends, 6 h',
  domains: 'any',
  durationMs: 6 * 60 * MINUTE_MS,
  spread: 'asset',
  modify: (metrics, ctx) => {
    const out: Record<string, number> = {};
    const hours = ctx.elapsedMs / 3_600_000;
    for (const [name, v] of Object.entries(metrics)) {
      const spec = metricSpec(ctx.device.domain, name);
      if (!spec || spec.integer) {
        out[name] = v;
        continue;
      }
      // Most drift upward; one metric in four drifts down.
      const sign = unit(channel(ctx.device.key, name), 83) < 0.25 ? -1 : 1;
      const biased = v + sign * (spec.max - spec.min) * DRIFT_SPAN_PER_HOUR * hours;
      out[name] = Math.min(spec.max, Math.max(spec.min, biased));
    }
    return out;
  },
};
