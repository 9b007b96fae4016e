import type { SimDevice } from '../device.js';
import type { Reach, Scenario } from './types.js';

/** What a scenario is aimed at: an asset (and, by spread, its neighbours) or a single device. */
export interface Target {
  assetId?: string;
  deviceId?: string;
}

export interface ResolvedTarget extends Target {
  /** The target asset's parent as the devices know it; neighbours share it. */
  zone?: string;
}

/** Checks the target against the device list and finds its zone; throws a readable error when it can't. */
export function resolveTarget(
  devices: readonly SimDevice[],
  scenario: Scenario,
  target: Target,
): ResolvedTarget {
  if (target.deviceId !== undefined) {
    if (!devices.some((d) => d.id === target.deviceId))
      throw new Error(`no device ${target.deviceId} in the credentials file`);
    return { deviceId: target.deviceId };
  }
  if (target.assetId !== undefined) {
    const on = devices.find((d) => d.assetId === target.assetId);
    if (on) return { assetId: target.assetId, zone: on.zone };
    if (devices.some((d) => d.zone === target.assetId))
      return { assetId: target.assetId, zone: target.assetId };
    throw new Error(`no device is on or under asset ${target.assetId}`);
  }
  if (scenario.spread !== 'domain')
    throw new Error(`scenario ${scenario.name} needs a target: --asset <id> or --device <id>`);
  return {};
}

/**
 * How `device` is reached by `scenario` aimed at `target`, or undefined when it is not:
 * direct — on the target asset or one of its children (a main's manholes); neighbour — sharing the
 * target's parent (`zone` spread) or anywhere in the scenario's domains (`domain` spread).
 */
export function reachOf(device: SimDevice, scenario: Scenario, target: ResolvedTarget): Reach | undefined {
  if (scenario.domains !== 'any' && !scenario.domains.includes(device.domain)) return undefined;
  if (target.deviceId !== undefined) return device.id === target.deviceId ? 'direct' : undefined;
  if (target.assetId === undefined) return scenario.spread === 'domain' ? 'direct' : undefined;
  if (device.assetId === target.assetId || device.zone === target.assetId) return 'direct';
  if (scenario.spread === 'zone' && target.zone !== target.assetId && device.zone === target.zone)
    return 'neighbour';
  return scenario.spread === 'domain' ? 'neighbour' : undefined;
}
