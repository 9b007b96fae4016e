import type { SimDevice } from '../device.js';
import { gaussian, unit } from '../prng.js';
import { airTempC, localHour, rainMmH, recentRainMmH } from './environment.js';
import { type Metrics, clamp } from './types.js';

/**
 * Drainage (DOMAIN.md §a.4), driven by the seeded rain process of `environment.ts`. Storm sewers carry a
 * trickle in dry weather; rain fills them with a 30-minute lag, a pipe running full at the design storm.
 * Freeboard (空高) is manhole depth minus water level; road ponding starts once the inlets are overwhelmed.
 */

/** Rain intensity that fills a pipe (ASSUMPTION: a 2–3-year design storm for Ordos). */
export const DESIGN_STORM_MM_H = 30;
/** Rain above which the gullies at low spots cannot take the runoff (ASSUMPTION). */
const PONDING_ONSET_MM_H = 25;
/** Full-pipe velocity for the capacity estimate (§a.4 velocity range 0.02–5 m/s; ASSUMPTION 1.5 m/s). */
const FULL_PIPE_VELOCITY_MS = 1.5;

/** Manhole depth: the registry's figure, or a plausible 2.8–4.2 m for devices without one. */
export function manholeDepthM(d: SimDevice): number {
  return d.params?.depthM ?? 2.8 + 1.4 * unit(d.key, 11);
}

export function pipeDiameterM(d: SimDevice): number {
  return (d.params?.diameterMm ?? 800) / 1000;
}

/** Full-pipe flow in m³/h: area × velocity. */
export function fullPipeFlowM3h(diameterM: number): number {
  return ((Math.PI * diameterM ** 2) / 4) * FULL_PIPE_VELOCITY_MS * 3600;
}

/** Dry-weather water level, 3–12 cm (infiltration and misconnections). */
export function dryLevelM(d: SimDevice): number {
  return 0.03 + 0.09 * unit(d.key, 12);
}

export function drainageSignal(d: SimDevice, t: number, seed: number): Metrics {
  const second = Math.floor(t / 1000);
  const recent = recentRainMmH(t, seed);
  const depth = manholeDepthM(d);
  const diameter = pipeDiameterM(d);
  const fill = Math.min(2.5, (recent / DESIGN_STORM_MM_H) ** 0.8);
  const level = clamp(dryLevelM(d) + diameter * fill + 0.004 * gaussian(d.key, second, 1), 0, depth + 0.05);
  const capacity = fullPipeFlowM3h(diameter);
  const flow =
    capacity * (0.02 + Math.min(1.2, recent / DESIGN_STORM_MM_H)) * (1 + 0.03 * gaussian(d.key, second, 2));
  const ponding =
    recent > PONDING_ONSET_MM_H ? (recent - PONDING_ONSET_MM_H) * 0.35 * (0.8 + 0.4 * unit(d.key, 13)) : 0;
  // Sewer H2S: 0.3–2 mg/m³, more on warm afternoons; under the 10 mg/m³ limit of §a.4.
  const warm = Math.max(0, airTempC(t, seed)) / 30;
  const h2s =
    0.3 +
    1.2 * unit(d.key, 14) +
    0.5 * warm * Math.sin((Math.PI * localHour(t)) / 24) +
    0.05 * gaussian(d.key, second, 3);
  return {
    level_m: level,
    freeboard_m: depth - level,
    flow_m3h: Math.max(0, flow),
    // Gauges a few km apart see the same storm within ±10 %.
    rain_mm_h: rainMmH(t, seed) * (0.9 + 0.2 * unit(d.key, 15)),
    ponding_cm: ponding,
    h2s_mgm3: Math.max(0, h2s),
  };
}
