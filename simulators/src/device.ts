import type { Domain, PressureClass } from '#contracts';
import { channel, hashString, mix32 } from './prng.js';

/**
 * One simulated device as the credentials file describes it (written by `seed load`): the registry's
 * device fields, its secret, and optional facts about its asset that make the signals realistic.
 */
export interface DeviceParams {
  /** Manhole depth, ground to invert (drainage freeboard = depth − level). */
  depthM?: number;
  diameterMm?: number;
  /** Bridges: design allowable strain and live-load deflection limit (DOMAIN.md §a.5). */
  designStrainUe?: number;
  deflectionLimitMm?: number;
  spanM?: number;
  pressureClass?: PressureClass;
}

export interface DeviceCredentials {
  id: string;
  domain: Domain;
  assetId: string;
  metrics: string[];
  reportIntervalS: number;
  secret: string;
  assetKind?: string;
  /** Parent asset (DMA, catchment, tunnel, the gas main of a manhole), or the asset itself. */
  zone?: string;
  params?: DeviceParams;
}

/** A device prepared for the signal models: its hash keys are computed once, not per reading. */
export interface SimDevice extends DeviceCredentials {
  /** Noise key of this device under the run's seed. */
  key: number;
  /** Noise key of its asset: devices on one bridge see the same trucks. */
  assetKey: number;
  zone: string;
}

export function prepareDevice(credentials: DeviceCredentials, seed: number): SimDevice {
  const seedKey = mix32(seed >>> 0);
  return {
    ...credentials,
    zone: credentials.zone ?? credentials.assetId,
    key: channel(seedKey, credentials.id),
    assetKey: channel(seedKey ^ hashString('asset'), credentials.assetId),
  };
}
