/**
 * Layered deadman (PEERS.md §5.C item 14): connection (broker/LWT `online` flag), device (no report for
 * k report intervals; k = 3, DOMAIN.md §a.7 ASSUMPTION), metric (per-key staleness) and asset (no fresh
 * data from any of its devices). Pure functions of `now`; the scheduler that calls them lives in the app.
 */

export interface DeviceLiveness {
  deviceId: string;
  lastSeenAt: number | null;
  /** Expected report interval from the device profile (CONTRACT.md §3 `reportIntervalS`). */
  reportIntervalS: number;
  /** Broker view: false after a disconnect or a Last Will `{"online": false}`. */
  online: boolean;
  /**
   * When the device was registered (epoch ms). A never-seen device has been silent since then: it counts
   * as blind only once that exceeds `blindAfterMs`. Unknown (absent) = silent for ever.
   */
  registeredAt?: number;
}

export interface DeadmanConfig {
  /** Missed report intervals before a device counts as offline (DOMAIN.md §a.7: 3, ASSUMPTION). */
  k: number;
  /** Offline longer than this counts toward the blind-spot ratio (DOMAIN.md §b.2: 24 h). */
  blindAfterMs: number;
}

export const DEFAULT_DEADMAN_CONFIG: DeadmanConfig = { k: 3, blindAfterMs: 86_400_000 };

export type OfflineReason = 'disconnected' | 'silent' | 'never_seen';

export interface DeviceStatus {
  deviceId: string;
  offline: boolean;
  reason: OfflineReason | null;
  /** Time since the last report; null when never seen. */
  silentForMs: number | null;
  /** When the device turns offline if nothing arrives (lastSeen + k × interval); null when never seen. */
  deadline: number | null;
}

/** Allowed silence: k report intervals (an interval below 1 s is treated as 1 s). */
export function silenceLimitMs(
  reportIntervalS: number,
  config: DeadmanConfig = DEFAULT_DEADMAN_CONFIG,
): number {
  return config.k * Math.max(1, reportIntervalS) * 1000;
}

/** Whether the device is offline at `now`, and why. */
export function deviceStatus(
  device: DeviceLiveness,
  now: number,
  config: DeadmanConfig = DEFAULT_DEADMAN_CONFIG,
): DeviceStatus {
  if (device.lastSeenAt === null)
    return {
      deviceId: device.deviceId,
      offline: true,
      reason: 'never_seen',
      silentForMs: null,
      deadline: null,
    };
  const silentForMs = Math.max(0, now - device.lastSeenAt);
  const deadline = device.lastSeenAt + silenceLimitMs(device.reportIntervalS, config);
  const reason: OfflineReason | null = !device.online ? 'disconnected' : now > deadline ? 'silent' : null;
  return { deviceId: device.deviceId, offline: reason !== null, reason, silentForMs, deadline };
}

/** True when a metric has not been reported for more than k report intervals. */
export function metricStale(
  lastAt: number | null,
  reportIntervalS: number,
  now: number,
  config: DeadmanConfig = DEFAULT_DEADMAN_CONFIG,
): boolean {
  return lastAt === null || now - lastAt > silenceLimitMs(reportIntervalS, config);
}

/** Names of the stale metrics of a device (per-key staleness, TB #12755 in PEERS.md). */
export function staleMetrics(
  lastByMetric: Readonly<Record<string, number | null>>,
  reportIntervalS: number,
  now: number,
  config: DeadmanConfig = DEFAULT_DEADMAN_CONFIG,
): string[] {
  return Object.entries(lastByMetric)
    .filter(([, lastAt]) => metricStale(lastAt, reportIntervalS, now, config))
    .map(([metric]) => metric)
    .sort();
}

export type AssetDataStatus = 'fresh' | 'stale' | 'unmonitored';

/** `fresh` when some device of the asset is online and reporting, `stale` when none is (the asset is blind), `unmonitored` without devices. */
export function assetDataStatus(
  devices: readonly DeviceLiveness[],
  now: number,
  config: DeadmanConfig = DEFAULT_DEADMAN_CONFIG,
): AssetDataStatus {
  if (devices.length === 0) return 'unmonitored';
  return devices.some((d) => !deviceStatus(d, now, config).offline) ? 'fresh' : 'stale';
}

/**
 * Share of the asset's devices offline for more than 24 h; null without devices. A never-seen device
 * counts once it has been registered for more than 24 h (or when its registration time is unknown), so
 * registering sensors ahead of their installation does not raise the asset's risk.
 */
export function blindSpotRatio(
  devices: readonly DeviceLiveness[],
  now: number,
  config: DeadmanConfig = DEFAULT_DEADMAN_CONFIG,
): number | null {
  if (devices.length === 0) return null;
  const blind = devices.filter((d) => {
    const status = deviceStatus(d, now, config);
    const silentForMs = status.silentForMs ?? (d.registeredAt === undefined ? null : now - d.registeredAt);
    return status.offline && (silentForMs === null || silentForMs > config.blindAfterMs);
  });
  return blind.length / devices.length;
}
