import { DEFAULT_DEADMAN_CONFIG, type DeviceLiveness } from '#domain';
import { monitoringCoverage, onlineRate, type PipelineRecord } from './coverage.js';

const NOW = Date.UTC(2026, 2, 10, 4, 0);
const MIN = 60_000;

const dev = (id: string, seenAgo: number | null, online = true): DeviceLiveness => ({
  deviceId: id,
  lastSeenAt: seenAgo === null ? null : NOW - seenAgo,
  reportIntervalS: 900,
  online,
});

const pipelines: PipelineRecord[] = [
  { id: 'G1', domain: 'gas', lengthM: 600 },
  { id: 'G2', domain: 'gas', lengthM: 400 },
  { id: 'W1', domain: 'water', lengthM: 1000 },
  { id: 'W2', domain: 'water', lengthM: 9000 },
];

describe('monitoring coverage (DOMAIN.md §c.3, formula ASSUMPTION)', () => {
  const devices = new Map<string, DeviceLiveness[]>([
    ['G1', [dev('a', 5 * MIN), dev('b', null)]], // one fresh device is enough
    ['G2', [dev('c', 46 * MIN)]], // silent past 3 intervals: not monitored
    ['W1', [dev('d', MIN, false)]], // disconnected (Last Will): not monitored
    ['W2', [dev('e', 44 * MIN)]],
  ]);
  const coverage = monitoringCoverage(pipelines, devices, {
    now: NOW,
    deadman: DEFAULT_DEADMAN_CONFIG,
    target: 0.15,
    domains: ['gas', 'heating', 'water'],
  });

  it('divides monitored by total length per domain, against the 15 % target', () => {
    expect(coverage.domains).toEqual([
      { domain: 'gas', totalKm: 1, monitoredKm: 0.6, ratio: 0.6, meetsTarget: true },
      { domain: 'water', totalKm: 10, monitoredKm: 9, ratio: 0.9, meetsTarget: true },
    ]);
    expect(coverage.overall).toMatchObject({ domain: 'all', totalKm: 11, monitoredKm: 9.6 });
  });

  it('reports no ratio without pipelines, and a miss below the target', () => {
    const none = monitoringCoverage([], new Map(), {
      now: NOW,
      deadman: DEFAULT_DEADMAN_CONFIG,
      target: 0.15,
      domains: ['gas'],
    });
    expect(none.overall).toMatchObject({ totalKm: 0, ratio: null, meetsTarget: null });
    const low = monitoringCoverage(pipelines.slice(3), new Map(), {
      now: NOW,
      deadman: DEFAULT_DEADMAN_CONFIG,
      target: 0.15,
      domains: ['water'],
    });
    expect(low.overall).toMatchObject({ ratio: 0, meetsTarget: false });
  });

  it('counts devices online when not offline by the deadman rule', () => {
    expect(
      onlineRate(
        [dev('a', MIN), dev('b', 46 * MIN), dev('c', null), dev('d', MIN)],
        NOW,
        DEFAULT_DEADMAN_CONFIG,
      ),
    ).toEqual({
      enabled: 4,
      online: 2,
      rate: 0.5,
    });
    expect(onlineRate([], NOW, DEFAULT_DEADMAN_CONFIG).rate).toBeNull();
  });
});
