import type { SimDevice } from '../device.js';
import { channel, gaussian, unit, valueNoise } from '../prng.js';
import { TIME, season } from './environment.js';
import { type Metrics, clamp } from './types.js';

/**
 * Utility tunnels (DOMAIN.md §a.6): a buried, ventilated space — 15–25 °C with the seasons, 55–85 %RH,
 * O2 at 20.9 %VOL, H2S and gas-cabin CH4 near zero (far below 10 mg/m³ and the 20 %LEL alarm). The sump
 * fills slowly with seepage until the pump starts at 0.8 m and empties it to 0.2 m (ASSUMPTION levels).
 */
const PUMP_START_M = 0.8;
const PUMP_STOP_M = 0.2;
/** Share of a fill-and-pump cycle spent pumping down. */
const PUMP_SHARE = 0.03;

/** Sump level: a sawtooth with a 6–12 h cycle per sump. */
export function sumpLevelM(d: SimDevice, t: number): number {
  const periodMs = (6 + 6 * unit(d.key, 31)) * TIME.HOUR_MS;
  const phase = ((((t + unit(d.key, 32) * periodMs) % periodMs) + periodMs) % periodMs) / periodMs;
  const span = PUMP_START_M - PUMP_STOP_M;
  return phase < 1 - PUMP_SHARE
    ? PUMP_STOP_M + (span * phase) / (1 - PUMP_SHARE)
    : PUMP_START_M - (span * (phase - 1 + PUMP_SHARE)) / PUMP_SHARE;
}

export function tunnelSignal(d: SimDevice, t: number): Metrics {
  const second = Math.floor(t / 1000);
  const n = (c: number): number => gaussian(d.key, second, c);
  // The tunnel lags the seasons by about two months (thermal mass of the surrounding soil).
  const s = season(t - 60 * TIME.DAY_MS);
  return {
    temperature_c: clamp(
      19.5 +
        4 * s +
        1.5 * (unit(d.key, 33) - 0.5) +
        0.5 * valueNoise(channel(d.key, 't'), t, 6 * TIME.HOUR_MS),
      15,
      25,
    ),
    humidity_pct: clamp(66 + 8 * s + 10 * (unit(d.key, 34) - 0.5) + 0.8 * n(1), 55, 85),
    o2_pct: 20.9 + 0.03 * n(2),
    h2s_mgm3: Math.max(0, 0.05 + 0.1 * unit(d.key, 35) + 0.02 * n(3)),
    ch4_lel: Math.max(0, 0.1 + 0.3 * unit(d.key, 36) + 0.05 * n(4)),
    sump_level_m: sumpLevelM(d, t) + 0.005 * n(5),
  };
}
