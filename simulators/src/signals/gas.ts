import type { PressureClass } from '#contracts';
import type { SimDevice } from '../device.js';
import { channel, gaussian, unit, valueNoise } from '../prng.js';
import { airTempC, groundTempC, localHour, TIME } from './environment.js';
import { type Metrics, clamp } from './types.js';

/**
 * Gas (DOMAIN.md §a.1). Adjacent-space CH4 stays in the 0–5 %LEL background band — here 0–3 %LEL, well
 * under the 10 %LEL yellow line — with no ethane (ethane marks natural gas, not sewer biogas). Pipeline
 * pressure holds its class setpoint with a small dip at the cooking peaks.
 */

/** Regulator outlet setpoints inside the GB 50028 classes quoted in §a.1 (MEM): low < 0.01 MPa, medium-B 0.01–0.2, medium-A 0.2–0.4. */
const SETPOINT_MPA: Record<PressureClass, number> = {
  low: 0.0025,
  medium_b: 0.15,
  medium_a: 0.3,
  sub_high: 0.6,
  high: 1.6,
};

/** Share of the setpoint lost at the meal-time demand peaks (ASSUMPTION, inside §a.1's ±10 % yellow band). */
const PEAK_DIP = 0.04;

function cookingDemand(t: number): number {
  const h = localHour(t);
  return Math.max(Math.exp(-(((h - 11.7) / 0.8) ** 2)), Math.exp(-(((h - 18.2) / 1) ** 2)));
}

export function gasSignal(d: SimDevice, t: number, seed: number): Metrics {
  const second = Math.floor(t / 1000);
  const base = 0.3 + 1.2 * unit(d.key, 1);
  const ch4 = clamp(
    base + 0.6 * valueNoise(channel(d.key, 'ch4'), t, 3 * TIME.HOUR_MS) + 0.15 * gaussian(d.key, second, 1),
    0,
    3,
  );
  const setpoint = SETPOINT_MPA[d.params?.pressureClass ?? 'medium_b'];
  const pressure = setpoint * (1 - PEAK_DIP * cookingDemand(t) + 0.005 * gaussian(d.key, second, 2));
  // Manhole air follows the soil, pulled a third of the way towards the air above (§a.1 range −10–40 °C).
  const ground = groundTempC(t);
  const temperature = ground + 0.35 * (airTempC(t, seed) - ground) + 0.3 * gaussian(d.key, second, 3);
  return {
    ch4_lel: ch4,
    c2h6_present: 0,
    pressure_mpa: Math.max(0, pressure),
    temperature_c: temperature,
    // Covers sit within the 0–2° band of §a.1.
    cover_tilt_deg: clamp(0.2 + 0.8 * unit(d.key, 4) + 0.05 * gaussian(d.key, second, 4), 0, 2),
  };
}
