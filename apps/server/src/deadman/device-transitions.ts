import { deviceStatus, type DeadmanConfig, type DeviceStatus } from '#domain';
import type { StatusWrite, WatchedDevice } from './device-status.repository.js';

/** What the deadman does about one device in one scan. */
export interface DeviceDecision {
  device: WatchedDevice;
  status: DeviceStatus;
  /** The row to store, or null when nothing changed. */
  write: StatusWrite | null;
  /** The event to emit, once per change of the offline flag. */
  event: 'device.offline' | 'device.online' | null;
}

/**
 * Compares the domain's verdict (`deviceStatus`: broker/LWT flag, k report intervals, never seen;
 * DOMAIN.md §a.7) with what was last announced. A device first seen by the deadman is only recorded,
 * unless it is silent: a device that has reported before and stopped is announced offline even if the
 * deadman never saw it online (e.g. the first scan after an upgrade). A device that never reported is
 * recorded as `never_seen` without an event: nothing changed that anyone was told about.
 */
export function decideDevice(device: WatchedDevice, now: number, config: DeadmanConfig): DeviceDecision {
  const status = deviceStatus(
    {
      deviceId: device.id,
      lastSeenAt: device.lastSeenAt,
      reportIntervalS: device.reportIntervalS,
      online: device.online,
    },
    now,
    config,
  );
  const write: StatusWrite = {
    deviceId: device.id,
    offline: status.offline,
    reason: status.reason,
    since: now,
    lastSeenAt: device.lastSeenAt,
  };
  const before = device.announced;
  if (before === null) {
    const announce = status.offline && status.reason !== 'never_seen';
    return { device, status, write, event: announce ? 'device.offline' : null };
  }
  if (before.offline !== status.offline)
    return { device, status, write, event: status.offline ? 'device.offline' : 'device.online' };
  // Same side, other reason (e.g. disconnected → silent): keep the row truthful, announce nothing.
  if (before.reason !== status.reason)
    return { device, status, write: { ...write, since: before.since }, event: null };
  return { device, status, write: null, event: null };
}
