import { hashString, mix32, unit, valueNoise } from '../prng.js';

/**
 * City-wide processes shared by every device of a run — weather, rain, daily rhythms — as pure functions
 * of (seed, simulated time). Climate figures are those of Ordos (a cold semi-arid climate: cold dry
 * winters, ~300–400 mm of rain a year falling mostly in July–August); they are sample-data ASSUMPTIONS,
 * not DOMAIN.md values.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Mean Gregorian year. */
const YEAR_DAYS = 365.2425;
/** Ordos keeps China Standard Time (UTC+8). */
const TZ_OFFSET_MS = 8 * HOUR_MS;

/** Local hour of day, 0 ≤ h < 24. */
export function localHour(t: number): number {
  return ((((t + TZ_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
}

/**
 * Local day of year, 0 ≤ d < 365.2425 (fractional), counted from 1 January 1970 in mean Gregorian years:
 * off by at most a day against the calendar, which no climate curve can tell, and free of Date objects
 * in the per-reading path.
 */
export function dayOfYear(t: number): number {
  const days = (t + TZ_OFFSET_MS) / DAY_MS;
  return ((days % YEAR_DAYS) + YEAR_DAYS) % YEAR_DAYS;
}

const cityKey = (seed: number, label: string): number => mix32(mix32(seed >>> 0) ^ hashString(label));

/** Seasonal cycle, −1 in mid-January to +1 in mid-July. */
export function season(t: number): number {
  return -Math.cos((2 * Math.PI * (dayOfYear(t) - 15)) / YEAR_DAYS);
}

/** Daily mean air temperature: ≈ −10 °C in January, ≈ +22 °C in July, ± a few days of weather. */
export function dailyMeanAirC(t: number, seed: number): number {
  return 6 + 16 * season(t) + 4 * valueNoise(cityKey(seed, 'weather'), t, 2 * DAY_MS);
}

/** Air temperature with a ±5 °C daily swing peaking at 15:00. */
export function airTempC(t: number, seed: number): number {
  return dailyMeanAirC(t, seed) + 5 * Math.cos((2 * Math.PI * (localHour(t) - 15)) / 24);
}

/** Soil temperature at ~1.5 m: the annual wave damped to ±7 °C around 8 °C and ~45 days late. */
export function groundTempC(t: number): number {
  return 8 + 7 * season(t - 45 * DAY_MS);
}

/** Inner Mongolia's heating period, 15 October – 15 April (ASSUMPTION: the regional statutory dates). */
export function inHeatingSeason(t: number): boolean {
  const d = dayOfYear(t);
  return d >= 287 || d < 105;
}

const bump = (h: number, centre: number, width: number): number => Math.exp(-(((h - centre) / width) ** 2));

/** Household water demand, 0 (03:00) … 1 (morning peak), with an evening peak nearly as high. */
export function waterDemand(t: number): number {
  const h = localHour(t);
  const day = 0.35 * (1 / (1 + Math.exp(-(h - 6.5) * 2))) * (1 / (1 + Math.exp((h - 23) * 2)));
  return Math.min(
    1,
    0.04 + day + 0.6 * bump(h, 7.5, 1.1) + 0.55 * bump(h, 19.5, 1.4) + 0.25 * bump(h, 12, 1.2),
  );
}

/** Road traffic intensity, ~0.1 at night to 1 in the 08:00 and 18:00 rush hours. */
export function trafficIntensity(t: number): number {
  const h = localHour(t);
  const day = 0.45 * (1 / (1 + Math.exp(-(h - 6.5) * 2))) * (1 / (1 + Math.exp((h - 22) * 2)));
  return Math.min(1, 0.08 + day + 0.5 * bump(h, 8, 0.9) + 0.5 * bump(h, 18, 1.1));
}

/** Probability that a 6-hour block holds a storm: ~1 % in winter, ~25 % at the late-July peak. */
function stormChance(t: number): number {
  const d = dayOfYear(t);
  return 0.01 + 0.24 * Math.exp(-(((d - 205) / 30) ** 2));
}

const BLOCK_MS = 6 * HOUR_MS;

/**
 * Rainfall intensity in mm/h from a seeded storm process: each 6-hour block may hold one storm that
 * starts within its first 4 h, lasts 0.5–3 h and peaks (triangular hyetograph, peak at 35 % of the storm)
 * at 2–30 mm/h, heavy storms being rare. Storms may spill into the next block.
 */
export function rainMmH(t: number, seed: number): number {
  const key = cityKey(seed, 'rain');
  const block = Math.floor(t / BLOCK_MS);
  let total = 0;
  for (const b of [block - 1, block]) {
    if (unit(key, b, 0) >= stormChance(b * BLOCK_MS)) continue;
    const start = b * BLOCK_MS + unit(key, b, 1) * 4 * HOUR_MS;
    const length = (0.5 + 2.5 * unit(key, b, 2)) * HOUR_MS;
    const peak = 2 + 28 * unit(key, b, 3) ** 2;
    const x = (t - start) / length;
    if (x <= 0 || x >= 1) continue;
    total += peak * (x < 0.35 ? x / 0.35 : (1 - x) / 0.65);
  }
  return total;
}

/** Mean rainfall over the last 30 minutes: what a sewer has received, the response lagging the rain. */
export function recentRainMmH(t: number, seed: number): number {
  let sum = 0;
  for (let k = 0; k <= 6; k++) sum += rainMmH(t - k * 5 * 60_000, seed);
  return sum / 7;
}

export const TIME = { HOUR_MS, DAY_MS } as const;
