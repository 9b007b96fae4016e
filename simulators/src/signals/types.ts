import type { SimDevice } from '../device.js';

/** Metric name → value, before rounding. */
export type Metrics = Record<string, number>;

/**
 * A domain's signal model: every metric the domain's devices may report, as a pure function of the
 * device, the simulated time (epoch ms) and the run's seed. The caller keeps only the device's metrics.
 */
export type DomainSignal = (device: SimDevice, t: number, seed: number) => Metrics;

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
