import { unit } from '../prng.js';
import { DEFAULT_DEFLECTION_LIMIT_MM, DEFAULT_DESIGN_STRAIN_UE, gaugeFactor } from '../signals/bridge.js';
import { MINUTE_MS, blend, envelope, update } from './envelope.js';
import type { Scenario, ScenarioContext } from './types.js';

/**
 * Bridge overload by a cluster of heavy trucks (DOMAIN.md §a.5; the Hefei case of §c.1: a truck cluster
 * triggered a warning, traffic police cleared it in 40 min). Within a minute the weigh-in-motion stations
 * read 90–100 t vehicles (above the 85 t level-1 and 95 t level-2 example limits), strain climbs to
 * 88–102 % of design_strain_ue (every gauge past the ≥ 85 % orange line, the most loaded past 100 % = red)
 * and deflection to 90–104 % of the L/600 limit; vibration triples and the added mass lowers the first
 * modal frequency ~3 %. The cluster stands for 15 minutes and clears in 3.
 */
const ATTACK_MS = MINUTE_MS;
const HOLD_MS = 15 * MINUTE_MS;
const RELEASE_MS = 3 * MINUTE_MS;

/** Strain as a fraction of design under the cluster: 0.88–1.02, by the gauge's position on the span. */
export function overloadStrainFraction(gauge: number): number {
  return 0.88 + 0.14 * ((gauge - 0.6) / 0.4);
}

function modify(metrics: Record<string, number>, ctx: ScenarioContext): Record<string, number> {
  const m = { ...metrics };
  const w = envelope(ctx.elapsedMs, ATTACK_MS, HOLD_MS, RELEASE_MS);
  const d = ctx.device;
  const g = gaugeFactor(d);
  const design = d.params?.designStrainUe ?? DEFAULT_DESIGN_STRAIN_UE;
  const limit = d.params?.deflectionLimitMm ?? DEFAULT_DEFLECTION_LIMIT_MM;
  const fraction = overloadStrainFraction(g);
  update(m, 'strain_ue', (v) => blend(v, design * fraction, w));
  update(m, 'deflection_mm', (v) => blend(v, limit * (fraction + 0.02), w));
  update(m, 'accel_rms_ms2', (v) => v * (1 + 2 * w));
  update(m, 'freq_hz', (v) => v * (1 - 0.03 * w));
  update(m, 'crack_mm', (v) => v + 0.02 * w);
  update(m, 'tilt_permille', (v) => v + 0.1 * w);
  // Each minute's heaviest truck of the cluster: 90–100 t.
  const minute = Math.floor(ctx.elapsedMs / MINUTE_MS);
  update(m, 'vehicle_t', (v) => (w > 0.5 ? 90 + 10 * unit(d.key, minute, 71) : v));
  return m;
}

export const bridgeOverload: Scenario = {
  name: 'bridge-overload',
  summary:
    'heavy-truck cluster: 90–100 t on the WIM, strain 88–102 % of design, deflection ~L/600 for 15 min',
  domains: ['bridge'],
  durationMs: ATTACK_MS + HOLD_MS + RELEASE_MS,
  spread: 'asset',
  alarmIntervalS: 60,
  modify,
};
