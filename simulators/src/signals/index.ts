import type { Domain } from '#contracts';
import type { SimDevice } from '../device.js';
import { bridgeSignal } from './bridge.js';
import { drainageSignal } from './drainage.js';
import { gasSignal } from './gas.js';
import { heatingSignal } from './heating.js';
import { tunnelSignal } from './tunnel.js';
import type { DomainSignal, Metrics } from './types.js';
import { waterSignal } from './water.js';

export type { Metrics } from './types.js';

const SIGNALS: Readonly<Record<Domain, DomainSignal>> = {
  gas: gasSignal,
  heating: heatingSignal,
  water: waterSignal,
  drainage: drainageSignal,
  bridge: bridgeSignal,
  tunnel: tunnelSignal,
};

/** The device's undisturbed reading at simulated time `t`: only the metrics it declares, unrounded. */
export function baseReading(d: SimDevice, t: number, seed: number): Metrics {
  const all = SIGNALS[d.domain](d, t, seed);
  const out: Metrics = {};
  for (const m of d.metrics) {
    const v = all[m];
    if (v !== undefined) out[m] = v;
  }
  return out;
}

/** Decimals a real sensor of each metric reports (a 0.1 %LEL display, a 1 mm radar, …). */
const DECIMALS: Readonly<Record<string, number>> = {
  ch4_lel: 1,
  c2h6_present: 0,
  pressure_mpa: 4,
  temperature_c: 1,
  cover_tilt_deg: 1,
  supply_pressure_mpa: 3,
  return_pressure_mpa: 3,
  supply_temp_c: 1,
  return_temp_c: 1,
  makeup_flow_th: 2,
  well_temp_c: 1,
  flow_m3h: 1,
  leak_noise_db: 1,
  turbidity_ntu: 2,
  level_m: 3,
  freeboard_m: 3,
  rain_mm_h: 1,
  ponding_cm: 1,
  h2s_mgm3: 2,
  strain_ue: 1,
  deflection_mm: 2,
  tilt_permille: 3,
  accel_rms_ms2: 3,
  freq_hz: 3,
  crack_mm: 3,
  vehicle_t: 1,
  humidity_pct: 1,
  o2_pct: 2,
  sump_level_m: 3,
};

/** Rounds every finite value to its sensor resolution; non-finite values pass through untouched. */
export function roundMetrics(m: Metrics): Metrics {
  const out: Metrics = {};
  for (const [name, v] of Object.entries(m)) {
    const k = 10 ** (DECIMALS[name] ?? 3);
    out[name] = Number.isFinite(v) ? Math.round(v * k) / k : v;
  }
  return out;
}
