import type { Domain } from '#contracts';
import type { SimDevice } from '../device.js';
import type { Metrics } from '../signals/index.js';

/** How a device relates to a scenario's target: on/under the target asset, or beside it. */
export type Reach = 'direct' | 'neighbour';

export interface ScenarioContext {
  device: SimDevice;
  reach: Reach;
  /** Scenario time since the event began, ms (already multiplied by --speedup). */
  elapsedMs: number;
  /** Simulated epoch ms of the reading. */
  t: number;
  seed: number;
  /** The device's undisturbed reading at another simulated time (for faults that freeze a value). */
  baseAt: (t: number) => Metrics;
}

/** Faults that change what reaches the broker rather than the values (see telemetry/emitter.ts). */
export type TransportFault = 'offline' | 'duplicates' | 'out-of-order' | 'malformed' | 'backlog';

export type ScenarioName =
  | 'gas-leak'
  | 'water-burst'
  | 'rainstorm'
  | 'bridge-overload'
  | 'tunnel-ingress'
  | 'offline'
  | 'stuck'
  | 'spike'
  | 'drift'
  | 'duplicates'
  | 'out-of-order'
  | 'malformed'
  | 'backlog';

/**
 * A scenario: a time-driven modifier of the signals of the devices it reaches. Events (gas leak, burst…)
 * modify values; device faults modify values (stuck, spike, drift) or transport (offline, duplicates…).
 */
export interface Scenario {
  name: ScenarioName;
  /** One line for `scenario --list`. */
  summary: string;
  /** Domains whose devices it affects; `any` for device faults. */
  domains: readonly Domain[] | 'any';
  /** Event length in scenario time; afterwards the signal is normal again. */
  durationMs: number;
  /**
   * Who besides the target is affected: `asset` — only devices on or under the target asset;
   * `zone` — also devices sharing the target's parent (the DMA, the tunnel, the gas main);
   * `domain` — every device of its domains (weather).
   */
  spread: 'asset' | 'zone' | 'domain';
  /** Report interval of reached devices while active (DOMAIN.md §a: devices report faster on alarm). */
  alarmIntervalS?: number;
  modify?: (metrics: Metrics, ctx: ScenarioContext) => Metrics;
  transport?: TransportFault;
}
