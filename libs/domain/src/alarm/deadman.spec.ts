import {
  assetDataStatus,
  blindSpotRatio,
  deviceStatus,
  metricStale,
  staleMetrics,
  type DeviceLiveness,
} from './deadman.js';

const S = 1000;
const HOUR = 3600 * S;
const NOW = Date.UTC(2026, 2, 3, 12, 0);

const dev = (
  id: string,
  lastSeenAgo: number | null,
  online = true,
  reportIntervalS = 900,
): DeviceLiveness => ({
  deviceId: id,
  lastSeenAt: lastSeenAgo === null ? null : NOW - lastSeenAgo,
  reportIntervalS,
  online,
});

describe('deadman (DOMAIN.md §a.7, PEERS.md §5.C 14)', () => {
  it.each<[string, DeviceLiveness, boolean, string | null]>([
    ['reported 10 min ago', dev('d', 10 * 60 * S), false, null],
    ['exactly 3 intervals ago', dev('d', 45 * 60 * S), false, null],
    ['just over 3 intervals ago', dev('d', 45 * 60 * S + 1), true, 'silent'],
    ['disconnected (LWT) though recent', dev('d', 60 * S, false), true, 'disconnected'],
    ['never seen', dev('d', null), true, 'never_seen'],
    ['a 1-min device after 4 min', dev('d', 4 * 60 * S, true, 60), true, 'silent'],
  ])('a device %s: offline=%p', (_label, device, offline, reason) => {
    expect(deviceStatus(device, NOW)).toMatchObject({ offline, reason });
  });

  it('tells when a device will turn offline', () => {
    expect(deviceStatus(dev('d', 10 * 60 * S), NOW).deadline).toBe(NOW - 10 * 60 * S + 45 * 60 * S);
  });

  it.each<[number | null, number, boolean]>([
    [null, 60, true],
    [NOW - 170 * S, 60, false],
    [NOW - 181 * S, 60, true],
  ])('metric last seen %p with a %p s interval is stale: %p', (lastAt, interval, stale) => {
    expect(metricStale(lastAt, interval, NOW)).toBe(stale);
  });

  it('lists stale metrics', () => {
    expect(
      staleMetrics({ ch4_lel: NOW - 60 * S, c2h6_present: NOW - 2 * HOUR, temperature_c: null }, 900, NOW),
    ).toEqual(['c2h6_present', 'temperature_c']);
  });

  it.each<[string, DeviceLiveness[], string]>([
    ['one reporting device', [dev('a', HOUR * 5), dev('b', 60 * S)], 'fresh'],
    ['all silent', [dev('a', 5 * HOUR), dev('b', 2 * HOUR)], 'stale'],
    ['all disconnected', [dev('a', 60 * S, false)], 'stale'],
    ['no devices', [], 'unmonitored'],
  ])('asset with %s is %s', (_label, devices, status) => {
    expect(assetDataStatus(devices, NOW)).toBe(status);
  });

  it.each<[string, DeviceLiveness[], number | null]>([
    [
      '2 of 4 offline > 24 h',
      [dev('a', 25 * HOUR), dev('b', 30 * HOUR), dev('c', 60 * S), dev('d', 60 * S)],
      0.5,
    ],
    ['offline for less than 24 h does not count', [dev('a', 23 * HOUR), dev('b', 60 * S)], 0],
    [
      'never-seen devices count',
      [dev('a', null), dev('b', 60 * S), dev('c', 60 * S), dev('d', 60 * S)],
      0.25,
    ],
    [
      'a never-seen device registered more than 24 h ago counts',
      [{ ...dev('a', null), registeredAt: NOW - 25 * HOUR }, dev('b', 60 * S)],
      0.5,
    ],
    [
      'a never-seen device registered within 24 h does not count yet',
      [{ ...dev('a', null), registeredAt: NOW - HOUR }, dev('b', 60 * S)],
      0,
    ],
    ['a recent disconnect does not count', [dev('a', HOUR, false), dev('b', 60 * S)], 0],
    ['no devices', [], null],
  ])('blind-spot ratio: %s → %p', (_label, devices, ratio) => {
    expect(blindSpotRatio(devices, NOW)).toBe(ratio);
  });
});
