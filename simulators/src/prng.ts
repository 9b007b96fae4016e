/**
 * Stateless, seeded noise for the signal models: every value is a pure function of (seed, device, time),
 * so a reading can be recomputed for any instant (the `stuck` fault needs the value at its start) and two
 * runs with the same seed send the same numbers. No Math.random anywhere in the simulators.
 *
 * Integer inputs must fit in 32 bits: pass time as a bucket index (seconds, minutes), never epoch ms.
 */

/** lowbias32 (C. Wellons): a 32-bit integer hash with good avalanche. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 code units. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hash of a key and up to three integer parts. */
export function hash(key: number, a = 0, b = 0, c = 0): number {
  let h = mix32(key ^ 0x9e3779b9);
  h = mix32(h ^ (a >>> 0));
  h = mix32(h ^ (b >>> 0));
  return mix32(h ^ (c >>> 0));
}

/** Uniform in [0, 1). */
export function unit(key: number, a = 0, b = 0, c = 0): number {
  return hash(key, a, b, c) / 4294967296;
}

/** Standard normal (Box–Muller over two independent uniforms). */
export function gaussian(key: number, a = 0, b = 0): number {
  const u1 = Math.max(unit(key, a, b, 1), 1e-12);
  const u2 = unit(key, a, b, 2);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Smooth value noise in [−1, 1] with features about `periodMs` long, continuous in `tMs`. */
export function valueNoise(key: number, tMs: number, periodMs: number): number {
  const x = tMs / periodMs;
  const i = Math.floor(x);
  const f = x - i;
  const s = f * f * (3 - 2 * f);
  const v0 = unit(key, i) * 2 - 1;
  const v1 = unit(key, i + 1) * 2 - 1;
  return v0 + (v1 - v0) * s;
}

/** A per-channel key, so that the noise of two metrics of one device is independent. */
export function channel(key: number, name: string): number {
  return mix32(key ^ hashString(name));
}

/** Deterministic Fisher–Yates shuffle driven by `key`. */
export function shuffle<T>(items: readonly T[], key: number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(unit(key, i) * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
