import type { Domain } from '#contracts';
import type { SimDevice } from '../device.js';
import { gaussian, unit } from '../prng.js';
import { TIME } from './environment.js';

/**
 * Device-health fields (DOMAIN.md §a.7). Battery devices drain over a 5–10-year life and are replaced when
 * flat (a sawtooth, so some devices are always low and trip the < 20 % / < 10 % rules); RSSI wanders around
 * −80 dBm, now and then below the −105 dBm "weak" line. Bridge sensors are mains-powered behind a 4G DTU
 * (RSSI, no battery); tunnel sensors sit on the wired PLC ring (neither).
 */
const BATTERY_DOMAINS: ReadonlySet<Domain> = new Set(['gas', 'heating', 'water', 'drainage']);
const RADIO_DOMAINS: ReadonlySet<Domain> = new Set(['gas', 'heating', 'water', 'drainage', 'bridge']);
const YEAR_MS = 365.25 * TIME.DAY_MS;

export interface Health {
  battery_pct?: number;
  rssi_dbm?: number;
}

export function batteryPct(d: SimDevice, t: number): number {
  const lifeYears = 5 + 5 * unit(d.key, 41);
  const used = (t / YEAR_MS / lifeYears + unit(d.key, 42)) % 1;
  return Math.round(100 - 95 * used);
}

export function rssiDbm(d: SimDevice, t: number): number {
  const site = -80 + 24 * (unit(d.key, 43) - 0.5);
  return Math.round(Math.min(-50, Math.max(-120, site + 4 * gaussian(d.key, Math.floor(t / 1000), 44))));
}

export function health(d: SimDevice, t: number): Health {
  return {
    ...(BATTERY_DOMAINS.has(d.domain) ? { battery_pct: batteryPct(d, t) } : {}),
    ...(RADIO_DOMAINS.has(d.domain) ? { rssi_dbm: rssiDbm(d, t) } : {}),
  };
}
