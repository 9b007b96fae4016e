import { describe, expect, it } from '@jest/globals';
import type { AlarmView } from '../api/alarms-api';
import type { AssetFeature } from '../api/types';
import type { AlarmItem } from '../alarms/alarm-model';
import { levelsByDomain, recentChanges, responseKpis, summariseAlarms } from './board-stats';

const asset = (
  id: string,
  domain: AssetFeature['properties']['domain'],
  lengthM: number | null,
  parentId: string | null = null,
): AssetFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [109.78, 39.61] },
  properties: {
    id,
    domain,
    kind: 'k',
    name: id,
    district: 'd',
    ownerUnitId: 'o',
    parentId,
    lengthM,
    attributes: {},
    createdAt: '',
    updatedAt: '',
  },
});

describe('levelsByDomain', () => {
  it('counts assets per domain and level, ungraded as none', () => {
    const rows = levelsByDomain(
      [asset('a', 'gas', null), asset('b', 'gas', null), asset('c', 'water', null)],
      new Map([['a', { level: 'major', verified: false, since: '' }]]),
    );
    expect(rows.find((r) => r.domain === 'gas')).toEqual({
      domain: 'gas',
      counts: { major: 1, larger: 0, general: 0, low: 0, none: 1 },
      unverified: 1,
      total: 2,
    });
    expect(rows).toHaveLength(6);
  });
});

describe('summariseAlarms', () => {
  it('counts states, overdue and unacknowledged', () => {
    const base = {
      assetId: 'a',
      ownerUnitId: 'o',
      domain: 'gas',
      deviceId: null,
      metric: null,
      value: null,
      threshold: null,
      raisedAt: 0,
      sequence: 1,
      shelved: false,
    } as const;
    const alarms: AlarmItem[] = [
      { ...base, id: '1', level: 'major', state: 'dispatched', acknowledged: null, overdueAt: 100 },
      {
        ...base,
        id: '2',
        level: 'general',
        state: 'raised',
        acknowledged: { by: 'x', at: 1 },
        overdueAt: 500,
      },
    ];
    expect(summariseAlarms(alarms, 200)).toEqual({
      byState: { dispatched: 1, raised: 1 },
      byLevel: { major: 1, larger: 0, general: 1, low: 0 },
      overdue: 1,
      unacknowledged: 1,
    });
  });
});

describe('responseKpis', () => {
  it('takes medians of raise → confirm, dispatch and close over the window', () => {
    const alarm = (raised: string, confirm: string | null, closedAt: string | null): AlarmView =>
      ({
        raisedAt: raised,
        closedAt,
        state: closedAt ? 'closed' : 'dispatched',
        sla: {
          overdue: false,
          stages: [
            { stage: 'confirm', dueAt: raised, doneAt: confirm },
            { stage: 'dispatch', dueAt: raised, doneAt: confirm },
          ],
        },
      }) as AlarmView;
    const kpis = responseKpis(
      [
        alarm('2026-11-22T08:00:00Z', '2026-11-22T08:04:00Z', '2026-11-22T12:00:00Z'),
        alarm('2026-11-22T09:00:00Z', '2026-11-22T09:02:00Z', null),
        alarm('2026-10-01T09:00:00Z', '2026-10-01T10:00:00Z', null),
      ],
      Date.parse('2026-11-01T00:00:00Z'),
    );
    expect(kpis.verify).toEqual({ medianMs: 3 * 60_000, samples: 2 });
    expect(kpis.close).toEqual({ medianMs: 4 * 3_600_000, samples: 1 });
  });
});

describe('recentChanges', () => {
  it('lists the newest grade changes first', () => {
    const marks = new Map([
      ['old', { level: 'low', verified: true, since: '2026-11-01T00:00:00Z' }],
      ['new', { level: 'major', verified: true, since: '2026-11-22T08:00:00Z' }],
    ] as const);
    expect(recentChanges(marks, 1).map(([id]) => id)).toEqual(['new']);
  });
});
