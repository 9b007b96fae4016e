import {
  activeOccurrence,
  isSuppressed,
  releaseNotices,
  suppressedUntil,
  validateWindow,
  windowEndsAt,
  type AlarmScope,
  type HeldNotice,
  type MaintenanceSchedule,
  type MaintenanceScope,
  type MaintenanceWindow,
} from './maintenance.js';

/** Local +08:00 wall-clock time → epoch ms. 2026-03-06 is a Friday. */
const cst = (day: number, hour: number, minute = 0): number => Date.UTC(2026, 2, day, hour - 8, minute);

const nightly: MaintenanceSchedule = {
  kind: 'daily',
  startTime: '22:00',
  durationMin: 240,
  utcOffset: '+08:00',
  validFrom: cst(1, 0),
};
const fridayNight: MaintenanceSchedule = {
  kind: 'weekly',
  weekdays: [5],
  startTime: '22:00',
  durationMin: 240,
  utcOffset: '+08:00',
  validFrom: cst(1, 0),
};
const win = (
  schedule: MaintenanceSchedule,
  scope: MaintenanceScope = { kind: 'domains', domains: ['gas'] },
  id = 'W1',
): MaintenanceWindow => ({ id, scope, schedule });

const ALARM: AlarmScope = {
  assetId: 'GAS-SEG-0001',
  ancestorIds: ['GAS-NET-1', 'GAS-MAIN-7'],
  domain: 'gas',
  district: '康巴什区',
};

describe('maintenance windows', () => {
  it.each<[string, MaintenanceSchedule, number, number | null]>([
    ['daily 22:00+4 h at 23:00', nightly, cst(4, 23), cst(5, 2)],
    ['daily 22:00+4 h at 01:00 the next day (across midnight)', nightly, cst(5, 1), cst(5, 2)],
    ['daily 22:00+4 h at 02:00 (end is exclusive)', nightly, cst(5, 2), null],
    ['daily 22:00+4 h at 21:59', nightly, cst(5, 21, 59), null],
    ['daily before validFrom', nightly, cst(1, 1), null],
    ['daily after validUntil', { ...nightly, validUntil: cst(3, 0) }, cst(4, 23), null],
    ['weekly Friday 22:00 at Saturday 01:00', fridayNight, cst(7, 1), cst(7, 2)],
    ['weekly Friday 22:00 at Friday 23:30', fridayNight, cst(6, 23, 30), cst(7, 2)],
    ['weekly Friday 22:00 at Thursday 23:00', fridayNight, cst(5, 23), null],
    ['weekly Friday 22:00 at Saturday 23:00', fridayNight, cst(7, 23), null],
    [
      'a 30-hour weekly window on its second night',
      { ...fridayNight, durationMin: 30 * 60 },
      cst(8, 3),
      cst(8, 4),
    ],
    [
      'at UTC−05:00, 22:00 local = 03:00 UTC',
      { ...nightly, utcOffset: '-05:00' },
      Date.UTC(2026, 2, 5, 4),
      Date.UTC(2026, 2, 5, 7),
    ],
    ['a one-off window', { kind: 'once', startsAt: cst(5, 9), endsAt: cst(5, 12) }, cst(5, 10), cst(5, 12)],
    ['after a one-off window', { kind: 'once', startsAt: cst(5, 9), endsAt: cst(5, 12) }, cst(5, 12), null],
  ])('%s', (_label, schedule, now, end) => {
    expect(windowEndsAt(win(schedule), now)).toBe(end);
  });

  it('gives the occurrence start too', () => {
    expect(activeOccurrence(win(nightly), cst(5, 1))).toEqual({ start: cst(4, 22), end: cst(5, 2) });
  });

  it.each<[string, MaintenanceSchedule, string]>([
    ['a bad offset', { ...nightly, utcOffset: '+8' }, 'utcOffset'],
    ['a bad start time', { ...nightly, startTime: '24:00' }, 'startTime'],
    ['a zero duration', { ...nightly, durationMin: 0 }, 'durationMin'],
    ['weekly without weekdays', { ...fridayNight, weekdays: [] }, 'weekdays'],
    ['weekday 7', { ...fridayNight, weekdays: [7] }, 'weekdays'],
    ['validUntil before validFrom', { ...nightly, validUntil: cst(1, 0) - 1 }, 'validUntil'],
    ['a one-off ending before it starts', { kind: 'once', startsAt: cst(5, 9), endsAt: cst(5, 9) }, 'endsAt'],
  ])('rejects %s and never matches it', (_label, schedule, field) => {
    expect(validateWindow(win(schedule)).join()).toContain(field);
    if (schedule.kind !== 'once') expect(activeOccurrence(win(schedule), cst(4, 23))).toBeNull();
  });

  it.each<[string, MaintenanceScope, boolean]>([
    ['the asset itself', { kind: 'assets', assetIds: ['GAS-SEG-0001'], includeDescendants: false }, true],
    [
      'an ancestor, with descendants',
      { kind: 'assets', assetIds: ['GAS-MAIN-7'], includeDescendants: true },
      true,
    ],
    [
      'an ancestor, without descendants',
      { kind: 'assets', assetIds: ['GAS-MAIN-7'], includeDescendants: false },
      false,
    ],
    ['its domain', { kind: 'domains', domains: ['gas', 'water'] }, true],
    ['another domain', { kind: 'domains', domains: ['water'] }, false],
    ['its district', { kind: 'districts', districts: ['康巴什区'] }, true],
    ['another district', { kind: 'districts', districts: ['东胜区'] }, false],
  ])('a window scoped to %s suppresses: %p', (_label, scope, expected) => {
    expect(isSuppressed(ALARM, [win(nightly, scope)], cst(4, 23))).toBe(expected);
  });

  it('follows back-to-back windows to the end of suppression', () => {
    const followUp = win(
      { kind: 'once', startsAt: cst(5, 2), endsAt: cst(5, 6) },
      { kind: 'districts', districts: ['康巴什区'] },
      'W2',
    );
    expect(suppressedUntil(ALARM, [win(nightly), followUp], cst(4, 23))).toBe(cst(5, 6));
    expect(suppressedUntil(ALARM, [win(nightly)], cst(5, 12))).toBeNull();
  });

  it('releases resolutions and still-open activations when the window ends, drops stale activations', () => {
    const notice = (
      id: string,
      eventType: string,
      alarmOpen: boolean,
      scope: AlarmScope = ALARM,
    ): HeldNotice => ({ id, alarmId: `A-${id}`, eventType, alarmOpen, scope });
    const waterScope: AlarmScope = { ...ALARM, domain: 'water' };
    const notices = [
      notice('1', 'alarm.raised', true),
      notice('2', 'alarm.raised', false),
      notice('3', 'alarm.resolved', false),
      notice('4', 'alarm.raised', true, waterScope),
    ];
    const waterNight = win(nightly, { kind: 'domains', domains: ['water'] }, 'W-water');
    const gasMorning = win({ kind: 'once', startsAt: cst(5, 0), endsAt: cst(5, 1) });
    const result = releaseNotices(notices, [gasMorning, waterNight], cst(5, 1, 30));
    expect(result.release.map((n) => n.id)).toEqual(['1', '3']);
    expect(result.discard.map((n) => n.id)).toEqual(['2']);
    expect(result.hold.map((n) => n.id)).toEqual(['4']);
    expect(releaseNotices(notices, [gasMorning, waterNight], cst(5, 0, 30)).hold.map((n) => n.id)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
  });
});
