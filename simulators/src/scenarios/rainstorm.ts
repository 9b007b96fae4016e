import { unit } from '../prng.js';
import { DESIGN_STORM_MM_H, fullPipeFlowM3h, manholeDepthM, pipeDiameterM } from '../signals/drainage.js';
import { MINUTE_MS, blend, envelope, update } from './envelope.js';
import type { Scenario, ScenarioContext } from './types.js';

/**
 * Short-duration rainstorm (DOMAIN.md §a.4). Rain builds over 10 minutes to 60–80 mm/h — above the
 * 50 mm/h pre-alert — holds 30 minutes and passes in 20. In the target's catchment (or everywhere when no
 * target is given) sewers surcharge until freeboard is 0.15–0.30 m (≤ 0.3 m alarm; ≤ 0.5 m warning) and the
 * low spots pond 10–30 cm (moderate 10–25 → yellow, severe > 25 → orange). Elsewhere freeboard only falls
 * to 0.6–1.0 m and ponding stays light (3–9 cm). Gauges report each minute (§a.4: faster near warning).
 */
const ATTACK_MS = 10 * MINUTE_MS;
const HOLD_MS = 30 * MINUTE_MS;
const RELEASE_MS = 20 * MINUTE_MS;

/** Storm peak at a gauge: 60–80 mm/h, the same storm varying ±10 % across the district. */
export function stormPeakMmH(deviceKey: number): number {
  return 60 + 20 * unit(deviceKey, 61);
}

function modify(metrics: Record<string, number>, ctx: ScenarioContext): Record<string, number> {
  const m = { ...metrics };
  const w = envelope(ctx.elapsedMs, ATTACK_MS, HOLD_MS, RELEASE_MS);
  const k = ctx.device.key;
  const direct = ctx.reach === 'direct';
  const depth = manholeDepthM(ctx.device);
  const freeboard = direct ? 0.15 + 0.15 * unit(k, 62) : 0.6 + 0.4 * unit(k, 63);
  const levelAtPeak = depth - freeboard;
  update(m, 'rain_mm_h', (v) => Math.max(v, stormPeakMmH(k) * w));
  update(m, 'level_m', (v) => Math.max(v, blend(v, levelAtPeak, w)));
  update(m, 'freeboard_m', (v) => Math.min(v, blend(v, freeboard, w)));
  const capacity = fullPipeFlowM3h(pipeDiameterM(ctx.device));
  update(m, 'flow_m3h', (v) => Math.max(v, blend(v, capacity * (direct ? 1.15 : 0.9), w)));
  const ponding = direct ? 10 + 20 * unit(k, 64) : 3 + 6 * unit(k, 65);
  update(m, 'ponding_cm', (v) => Math.max(v, ponding * w));
  // Storm water dilutes and flushes sewer gas.
  update(m, 'h2s_mgm3', (v) => v * (1 - 0.6 * w));
  return m;
}

export const rainstorm: Scenario = {
  name: 'rainstorm',
  summary: `rain to 60–80 mm/h (design storm ${DESIGN_STORM_MM_H}), sewer freeboard ≤ 0.3 m and 10–30 cm ponding in the target catchment`,
  domains: ['drainage'],
  durationMs: ATTACK_MS + HOLD_MS + RELEASE_MS,
  spread: 'domain',
  alarmIntervalS: 60,
  modify,
};
