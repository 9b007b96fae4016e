import { unit, valueNoise } from '../prng.js';
import { MINUTE_MS, smoothstep, update } from './envelope.js';
import type { Scenario, ScenarioContext } from './types.js';

/**
 * Gas leak into an adjacent underground space (DOMAIN.md §a.1, §b.3 worked example). CH4 in the target's
 * manholes climbs linearly from 2 to 60 %LEL over 2 minutes of scenario time (compressible with --speedup),
 * crossing the yellow ≥ 10 %LEL, orange ≥ 25 %LEL (GB/T 50493 level-1 cap) and red ≥ 50 %LEL (level-2
 * cap) lines in that order and rising on every reading — also the "≥ 25 %LEL rising for 3 readings" red
 * rule. Ethane (c2h6_present) turns 1 once CH4 exceeds 10 %LEL: natural gas, not biogas, the §a.1
 * confirmation flag. It holds at ~60 %LEL for 10 minutes, then the valve is shut and it clears in 2 minutes.
 * Manholes beside the target (same main) pick up diluted gas, kept below 10 %LEL and without ethane.
 * Devices report every minute while reached (§a.1: on alarm upload at once, then every 1 min).
 */
export const LEAK_START_LEL = 2;
export const LEAK_PEAK_LEL = 60;
const RAMP_MS = 2 * MINUTE_MS;
const HOLD_MS = 10 * MINUTE_MS;
const CLEAR_MS = 2 * MINUTE_MS;
/** Share of the leak seen next door: 0.12 × 58 + background < 10 %LEL. */
const NEIGHBOUR_SHARE = 0.12;
/** Ethane is detectable once the gas is this strong (§a.1 yellow line). */
const ETHANE_FROM_LEL = 10;

/** CH4 %LEL in the leaking space at `elapsedMs` (before the background is added). */
export function leakLevel(elapsedMs: number): number {
  if (elapsedMs < 0) return 0;
  if (elapsedMs < RAMP_MS) return LEAK_START_LEL + ((LEAK_PEAK_LEL - LEAK_START_LEL) * elapsedMs) / RAMP_MS;
  if (elapsedMs < RAMP_MS + HOLD_MS) return LEAK_PEAK_LEL;
  const r = (elapsedMs - RAMP_MS - HOLD_MS) / CLEAR_MS;
  return r < 1 ? LEAK_PEAK_LEL * (1 - smoothstep(r)) : 0;
}

function modify(metrics: Record<string, number>, ctx: ScenarioContext): Record<string, number> {
  const m = { ...metrics };
  const level = leakLevel(ctx.elapsedMs);
  if (ctx.reach === 'direct') {
    // A little turbulence once at plateau, never enough to make the ramp fall back.
    const wobble = ctx.elapsedMs >= RAMP_MS ? 1.5 * valueNoise(ctx.device.key, ctx.elapsedMs, 40_000) : 0;
    update(m, 'ch4_lel', (v) => Math.min(100, Math.max(v, level + wobble)));
  } else {
    update(
      m,
      'ch4_lel',
      (v) =>
        v + NEIGHBOUR_SHARE * Math.max(0, level - LEAK_START_LEL) * (0.8 + 0.2 * unit(ctx.device.key, 51)),
    );
  }
  update(m, 'c2h6_present', () => ((m.ch4_lel ?? 0) > ETHANE_FROM_LEL ? 1 : 0));
  return m;
}

export const gasLeak: Scenario = {
  name: 'gas-leak',
  summary:
    'CH4 in adjacent manholes 2 → 60 %LEL in 2 min (crosses 10/25/50 %LEL), ethane flag on above 10 %LEL',
  domains: ['gas'],
  durationMs: RAMP_MS + HOLD_MS + CLEAR_MS,
  spread: 'zone',
  alarmIntervalS: 60,
  modify,
};
