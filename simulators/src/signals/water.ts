import type { SimDevice } from '../device.js';
import { channel, gaussian, unit, valueNoise } from '../prng.js';
import { TIME, waterDemand } from './environment.js';
import { type Metrics, clamp } from './types.js';

/**
 * Water supply (DOMAIN.md §a.3). Network pressure is highest at night (~0.42–0.45 MPa) and dips in the
 * morning and evening demand peaks (~0.27–0.30 MPa), inside the 0.20–0.45 MPa band of §a.3 and above the
 * 0.14 MPa end-pressure standard. DMA inlet flow follows the same demand with a minimum night flow of a
 * third of the mean; acoustic loggers hear 20–35 dB of background at night; turbidity stays < 1 NTU.
 */

/** Pressure lost between night and the demand peak (ASSUMPTION: head loss of a looped network). */
const PEAK_HEAD_LOSS_MPA = 0.15;

export function waterSignal(d: SimDevice, t: number): Metrics {
  const second = Math.floor(t / 1000);
  const demand = waterDemand(t);
  // Ground elevation differences across the district shift each point's pressure by up to 0.03 MPa.
  const nightPressure = 0.45 - 0.03 * unit(d.key, 1);
  const pressure = nightPressure - PEAK_HEAD_LOSS_MPA * demand + 0.003 * gaussian(d.key, second, 1);
  const meanFlow = 150 + 350 * unit(d.key, 2);
  const flow = meanFlow * (0.33 + 1.1 * demand) * (1 + 0.03 * gaussian(d.key, second, 2));
  return {
    pressure_mpa: clamp(pressure, 0.25, 0.45),
    flow_m3h: Math.max(0, flow),
    leak_noise_db:
      22 +
      10 * unit(d.key, 3) +
      2 * valueNoise(channel(d.key, 'noise'), t, TIME.DAY_MS) +
      0.8 * gaussian(d.key, second, 3),
    turbidity_ntu: clamp(0.15 + 0.25 * unit(d.key, 4) + 0.03 * gaussian(d.key, second, 4), 0.05, 0.9),
  };
}
