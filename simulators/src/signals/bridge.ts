import type { SimDevice } from '../device.js';
import { gaussian, unit } from '../prng.js';
import { airTempC, localHour, trafficIntensity } from './environment.js';
import { type Metrics, clamp } from './types.js';

/**
 * Bridges (DOMAIN.md §a.5), driven by a traffic process: rush-hour peaks, and heavy trucks mostly at
 * night (many cities keep heavy goods vehicles out of the centre by day; ASSUMPTION). Live-load strain stays
 * within the ±50–300 με typical band of §a.5 — below the 70 % of design (yellow) — and deflection below
 * 80 % of the L/600 limit; temperature moves strain, tilt, crack width and the modal frequency.
 */

export const DEFAULT_DESIGN_STRAIN_UE = 500;
export const DEFAULT_DEFLECTION_LIMIT_MM = 100;
const DEFAULT_SPAN_M = 60;
/** Reference temperature of the zero readings. */
const REF_TEMP_C = 15;

function nightShare(t: number): number {
  const h = localHour(t);
  return h >= 22 || h < 6 ? 1 : 0;
}

/**
 * Heaviest vehicle (t) crossing one lane in one minute. Cars 1.5–2.5 t; a truck of 15–50 t with a chance
 * rising with traffic and at night; rarely an overloaded 50–60 t truck (GB 1589 caps 6-axle trucks at 49 t, MEM).
 */
export function heaviestVehicleT(assetKey: number, lane: number, t: number): number {
  const minute = Math.floor(t / 60_000);
  const truckChance = 0.05 + 0.15 * trafficIntensity(t) + 0.25 * nightShare(t);
  const u = unit(assetKey, minute, lane, 1);
  if (u < 0.006 * (1 + nightShare(t))) return 50 + 10 * unit(assetKey, minute, lane, 2);
  if (u < truckChance) return 15 + 35 * unit(assetKey, minute, lane, 2) ** 1.5;
  return 1.5 + unit(assetKey, minute, lane, 2);
}

/** Live load as a fraction of design: traffic plus the heaviest vehicle of either lane. */
export function liveLoadFraction(assetKey: number, t: number): number {
  const heaviest = Math.max(heaviestVehicleT(assetKey, 0, t), heaviestVehicleT(assetKey, 1, t));
  return 0.06 + 0.2 * trafficIntensity(t) + 0.35 * (heaviest / 100);
}

/** How strongly a gauge sees the load (mid-span gauges most): 0.6–1.0. */
export const gaugeFactor = (d: SimDevice): number => 0.6 + 0.4 * unit(d.key, 21);

export function bridgeSignal(d: SimDevice, t: number, seed: number): Metrics {
  const second = Math.floor(t / 1000);
  const n = (c: number): number => gaussian(d.key, second, c);
  const load = liveLoadFraction(d.assetKey, t);
  const g = gaugeFactor(d);
  const dT = airTempC(t, seed) - REF_TEMP_C;
  const design = d.params?.designStrainUe ?? DEFAULT_DESIGN_STRAIN_UE;
  const limit = d.params?.deflectionLimitMm ?? DEFAULT_DEFLECTION_LIMIT_MM;
  const span = d.params?.spanM ?? DEFAULT_SPAN_M;
  const traffic = trafficIntensity(t);
  return {
    strain_ue: design * load * g + 1.2 * dT * (unit(d.key, 22) < 0.5 ? 1 : -1) + 3 * n(1),
    deflection_mm: limit * load * g * 0.9 + 0.3 * n(2),
    tilt_permille: 0.1 + 0.3 * unit(d.key, 23) + 0.004 * dT + 0.005 * n(3),
    accel_rms_ms2: Math.max(0.005, 0.01 + 0.08 * traffic + 0.15 * (load - 0.06) + 0.004 * n(4)),
    // First vertical mode ≈ 100 / L Hz (ASSUMPTION), softening ~0.2 %/°C as the deck warms.
    freq_hz: clamp(100 / span, 0.5, 10) * (1 - 0.002 * dT) * (1 + 0.002 * n(5)),
    // Cracks breathe: wider in the cold, 0.05–0.3 mm (§a.5 typical range).
    crack_mm: clamp(0.08 + 0.12 * unit(d.key, 24) - 0.0015 * dT + 0.01 * traffic + 0.002 * n(6), 0.05, 0.3),
    vehicle_t: heaviestVehicleT(d.assetKey, unit(d.key, 25) < 0.5 ? 0 : 1, t),
  };
}
