/** Time shapes shared by the scenarios. */

export const MINUTE_MS = 60_000;

/** 0 → 1 over `attackMs`, 1 for `holdMs`, 1 → 0 over `releaseMs`; 0 before and after. Smooth (smoothstep). */
export function envelope(elapsedMs: number, attackMs: number, holdMs: number, releaseMs: number): number {
  if (elapsedMs <= 0) return 0;
  if (elapsedMs < attackMs) return smoothstep(elapsedMs / attackMs);
  if (elapsedMs < attackMs + holdMs) return 1;
  const r = elapsedMs - attackMs - holdMs;
  return r < releaseMs ? 1 - smoothstep(r / releaseMs) : 0;
}

export function smoothstep(x: number): number {
  const c = Math.min(1, Math.max(0, x));
  return c * c * (3 - 2 * c);
}

/** Blends `from` towards `to` by `weight` (0–1). */
export const blend = (from: number, to: number, weight: number): number => from + (to - from) * weight;

/** Applies `fn` to the metrics present in `m` (scenarios never add metrics a device does not declare). */
export function update(m: Record<string, number>, name: string, fn: (v: number) => number): void {
  const v = m[name];
  if (v !== undefined) m[name] = fn(v);
}
