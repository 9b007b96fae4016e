/** A linear scale from a domain [d0, d1] to a range [r0, r1] (pixels). */
export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
}

export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const span = d1 - d0 || 1;
  const scale = ((value: number) => r0 + ((value - d0) / span) * (r1 - r0)) as Scale;
  scale.domain = [d0, d1];
  return scale;
}

/** "Nice" tick values (1, 2, 5 × 10^n steps) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** The value range a chart must show: the data and the threshold lines, padded by 5 %. */
export function valueExtent(values: readonly number[], lines: readonly number[]): [number, number] {
  const all = [...values, ...lines].filter(Number.isFinite);
  if (all.length === 0) return [0, 1];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.05;
  return [lo - pad, hi + pad];
}

const MINUTE = 60_000;
const TIME_STEPS = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE);

/**
 * Time ticks on round minutes/hours (about `count`), aligned in the given UTC offset (China time by
 * default, where the monitoring room is) so they fall on 00, 15, 30… of the wall clock.
 */
export function timeTicks(t0: number, t1: number, count = 6, utcOffsetMinutes = 480): number[] {
  if (!(t1 > t0)) return [];
  const step = TIME_STEPS.find((s) => (t1 - t0) / s <= count) ?? TIME_STEPS[TIME_STEPS.length - 1];
  const offset = utcOffsetMinutes * MINUTE;
  const ticks: number[] = [];
  for (let v = Math.ceil((t0 + offset) / step) * step - offset; v <= t1; v += step) ticks.push(v);
  return ticks;
}
