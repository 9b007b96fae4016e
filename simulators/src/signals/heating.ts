import type { SimDevice } from '../device.js';
import { gaussian, unit } from '../prng.js';
import { dailyMeanAirC, groundTempC, inHeatingSeason } from './environment.js';
import { type Metrics, clamp } from './types.js';

/**
 * Heating (DOMAIN.md §a.2). In the heating season the primary network follows a heating curve on the
 * daily mean outdoor temperature: 120/60 °C supply/return at the design outdoor temperature (inside the
 * §a.2 primary ranges 110–130 / 50–70 °C), sliding down to 45/35 °C at 18 °C outdoors. Pressures stay in
 * the 0.3–1.6 MPa band of §a.2, return above the 50 kPa floor (§a.2, GB 55010). Out of season the network
 * stands still at its static pressure and cools towards the soil.
 */

/** Heating design outdoor temperature for Ordos (ASSUMPTION, GB 50736 climate table, MEM). */
const DESIGN_OUTDOOR_C = -17;
/** No heating load above this daily mean. */
const BALANCE_C = 18;
/** Static pressure held by the make-up pumps when circulation stops (ASSUMPTION). */
const STATIC_MPA = 0.45;

/** Heating-curve supply and return temperatures for a daily mean outdoor temperature. */
export function heatingCurve(outdoorC: number): { supply: number; ret: number } {
  const load = clamp((BALANCE_C - outdoorC) / (BALANCE_C - DESIGN_OUTDOOR_C), 0, 1);
  return { supply: 45 + 75 * load, ret: 35 + 25 * load };
}

export function heatingSignal(d: SimDevice, t: number, seed: number): Metrics {
  const second = Math.floor(t / 1000);
  const n = (c: number): number => gaussian(d.key, second, c);
  // 0 at the exchange station, 1 at the far end of its network: pressure and heat are lost along it.
  const position = unit(d.key, 1);
  const ground = groundTempC(t);
  if (!inHeatingSeason(t)) {
    return {
      supply_pressure_mpa: STATIC_MPA + 0.003 * n(1),
      return_pressure_mpa: STATIC_MPA - 0.01 + 0.003 * n(2),
      supply_temp_c: ground + 6 + 0.3 * n(3),
      return_temp_c: ground + 5 + 0.3 * n(4),
      makeup_flow_th: 0.3 + 0.5 * unit(d.key, 2) + 0.05 * n(5),
      well_temp_c: ground + 2 + 0.3 * n(6),
    };
  }
  const curve = heatingCurve(dailyMeanAirC(t, seed));
  return {
    supply_pressure_mpa: 0.95 - 0.25 * position + 0.005 * n(1),
    return_pressure_mpa: 0.3 + 0.1 * position + 0.005 * n(2),
    supply_temp_c: curve.supply - 3 * position + 0.4 * n(3),
    return_temp_c: curve.ret + 1 * position + 0.4 * n(4),
    // Make-up flow: a few t/h of normal losses per network (§a.2 judges it against a 7-day baseline).
    makeup_flow_th: Math.max(0, (3 + 3 * unit(d.key, 2)) * (1 + 0.08 * n(5))),
    // Well air warmed by the pipes: 20–32 °C, under the 40 °C yellow line of §a.2.
    well_temp_c: ground + 10 + 8 * (1 - position) + 0.4 * n(6),
  };
}
