import type { SimDevice } from '../device.js';
import type { Reach, Scenario } from '../scenarios/index.js';
import { baseReading, roundMetrics } from '../signals/index.js';
import { health } from '../signals/health.js';
import type { Reading } from '../telemetry/encode.js';

/** A scenario as it applies to one device at one instant. */
export interface ActiveEffect {
  scenario: Scenario;
  reach: Reach;
  /** Scenario time since the event began, ms. */
  elapsedMs: number;
}

/**
 * The reading a device takes: its signal model at simulated time `simT`, modified by the active scenario,
 * rounded to sensor resolution, stamped with the wall-clock `ts` it is sent at (the platform refuses
 * timestamps from the future, CONTRACT.md §1), plus its health fields.
 */
export function readingAt(
  device: SimDevice,
  simT: number,
  ts: number,
  seed: number,
  effect?: ActiveEffect,
): Reading {
  const base = baseReading(device, simT, seed);
  const modify = effect?.scenario.modify;
  const metrics = modify
    ? modify(base, {
        device,
        reach: effect.reach,
        elapsedMs: effect.elapsedMs,
        t: simT,
        seed,
        baseAt: (t) => baseReading(device, t, seed),
      })
    : base;
  return { ts, metrics: roundMetrics(metrics), ...health(device, simT) };
}
