import { DEFAULT_DEADMAN_CONFIG } from '#domain';
import type { AnnouncedStatus, WatchedDevice } from './device-status.repository.js';
import { decideDevice } from './device-transitions.js';

const MIN = 60_000;
const NOW = Date.UTC(2026, 2, 10, 4, 0);

const device = (
  lastSeenAgo: number | null,
  announced: AnnouncedStatus | null,
  online = true,
): WatchedDevice => ({
  id: 'GAS-DEV-1',
  assetId: 'GAS-MH-1',
  domain: 'gas',
  ownerUnitId: 'gas-co',
  district: '康巴什区',
  lastSeenAt: lastSeenAgo === null ? null : NOW - lastSeenAgo,
  reportIntervalS: 900,
  online,
  announced,
});

const on: AnnouncedStatus = { offline: false, reason: null, since: NOW - 60 * MIN };
const silent: AnnouncedStatus = { offline: true, reason: 'silent', since: NOW - 60 * MIN };
const never: AnnouncedStatus = { offline: true, reason: 'never_seen', since: NOW - 60 * MIN };

describe('decideDevice (deadman announcements, DOMAIN.md §a.7: offline after 3 × 15 min)', () => {
  it.each<[string, WatchedDevice, string | null, boolean]>([
    ['first scan, reporting: recorded, nothing announced', device(5 * MIN, null), null, true],
    ['first scan, never reported: recorded as never_seen, nothing announced', device(null, null), null, true],
    ['first scan, silent: announced offline', device(46 * MIN, null), 'device.offline', true],
    ['online → silent past 3 intervals', device(46 * MIN, on), 'device.offline', true],
    ['online, exactly 3 intervals: still online', device(45 * MIN, on), null, false],
    ['online → Last Will (disconnected) with a fresh report', device(MIN, on, false), 'device.offline', true],
    ['silent → reporting again', device(MIN, silent), 'device.online', true],
    ['never seen → first report', device(MIN, never), 'device.online', true],
    ['silent, still silent', device(90 * MIN, silent), null, false],
    ['online, still online', device(MIN, on), null, false],
  ])('%s', (_label, d, event, writes) => {
    const decision = decideDevice(d, NOW, DEFAULT_DEADMAN_CONFIG);
    expect(decision.event).toBe(event);
    expect(decision.write !== null).toBe(writes);
  });

  it('keeps the offline time when only the reason changes (silent → disconnected)', () => {
    const decision = decideDevice(device(90 * MIN, silent, false), NOW, DEFAULT_DEADMAN_CONFIG);
    expect(decision).toMatchObject({
      event: null,
      write: { offline: true, reason: 'disconnected', since: silent.since },
    });
  });
});
