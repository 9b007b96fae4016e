import { describe, expect, it } from '@jest/globals';
import {
  applyAlarmEvent,
  needsCue,
  sortQueue,
  upsertAlarm,
  type AlarmEvent,
  type AlarmItem,
  type AlarmMap,
} from './alarm-model';

const T0 = Date.parse('2026-11-22T08:00:00Z');

function event(
  type: AlarmEvent['type'],
  sequence: number,
  over: Partial<AlarmEvent['data']> = {},
): AlarmEvent {
  return {
    type,
    timestamp: new Date(T0 + sequence * 1000).toISOString(),
    data: {
      alarmId: 'a1',
      sequence,
      assetId: 'GAS-SEG-0001',
      domain: 'gas',
      level: 'major',
      riskLevel: 'major',
      state: 'raised',
      metric: 'ch4_lel',
      value: 52,
      threshold: 50,
      ownerUnitId: 'gas-co',
      occurredAt: new Date(T0 + sequence * 1000).toISOString(),
      links: { self: '/api/v1/alarms/a1' },
      ...over,
    },
  };
}

function item(id: string, over: Partial<AlarmItem> = {}): AlarmItem {
  return {
    id,
    assetId: 'X',
    ownerUnitId: 'gas-co',
    domain: 'gas',
    level: 'general',
    state: 'raised',
    deviceId: null,
    metric: null,
    value: null,
    threshold: null,
    raisedAt: T0,
    sequence: 1,
    acknowledged: null,
    shelved: false,
    overdueAt: null,
    ...over,
  };
}

describe('applyAlarmEvent', () => {
  it('adds a raised alarm and records acknowledgement by the actor', () => {
    let alarms: AlarmMap = new Map();
    alarms = applyAlarmEvent(alarms, event('alarm.raised', 1)).alarms;
    const ack = applyAlarmEvent(
      alarms,
      event('alarm.acknowledged', 2, { actor: 'token:m1', reason: 'seen' }),
    );
    expect(ack).toMatchObject({ changed: true, stale: false });
    expect(ack.alarms.get('a1')).toMatchObject({
      state: 'raised',
      sequence: 2,
      acknowledged: { by: 'token:m1' },
    });
  });

  it('ignores an event the item already reflects (replay after a reconnect)', () => {
    const alarms = applyAlarmEvent(new Map(), event('alarm.raised', 1)).alarms;
    const again = applyAlarmEvent(alarms, event('alarm.raised', 1));
    expect(again).toEqual({ alarms, changed: false, stale: false });
  });

  it('flags a gap in the sequence so the alarm is fetched again', () => {
    const alarms = applyAlarmEvent(new Map(), event('alarm.raised', 1)).alarms;
    expect(applyAlarmEvent(alarms, event('alarm.dispatched', 3, { state: 'dispatched' })).stale).toBe(true);
    expect(applyAlarmEvent(new Map(), event('alarm.verified', 2, { state: 'verified' })).stale).toBe(true);
  });

  it('drops closed and dismissed alarms from the queue', () => {
    const alarms = applyAlarmEvent(new Map(), event('alarm.raised', 1)).alarms;
    expect(applyAlarmEvent(alarms, event('alarm.dismissed', 2, { state: 'dismissed' })).alarms.size).toBe(0);
  });
});

describe('upsertAlarm', () => {
  it('keeps the queue’s newer state over an older snapshot', () => {
    const alarms = new Map([['a', item('a', { sequence: 4, state: 'dispatched' })]]);
    expect(upsertAlarm(alarms, item('a', { sequence: 3 }))).toBe(alarms);
    expect(upsertAlarm(alarms, item('a', { sequence: 5, state: 'closed' })).size).toBe(0);
  });
});

describe('sortQueue', () => {
  it('orders by level, shelved last, then the longest waiting first', () => {
    const sorted = sortQueue([
      item('yellow-old', { level: 'general', raisedAt: T0 }),
      item('red-new', { level: 'major', raisedAt: T0 + 60_000 }),
      item('red-old', { level: 'major', raisedAt: T0 - 60_000 }),
      item('red-shelved', { level: 'major', raisedAt: T0 - 120_000, shelved: true }),
      item('orange', { level: 'larger' }),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['red-old', 'red-new', 'red-shelved', 'orange', 'yellow-old']);
  });
});

describe('needsCue', () => {
  it('sounds for a new or escalated major alarm, not for replays or suppressed ones', () => {
    expect(needsCue(event('alarm.raised', 1), undefined)).toBe(true);
    expect(needsCue(event('alarm.raised', 1), item('a1', { level: 'major' }))).toBe(false);
    expect(needsCue(event('alarm.raised', 1, { suppressed: true }), undefined)).toBe(false);
    expect(needsCue(event('alarm.raised', 1, { level: 'larger' }), undefined)).toBe(false);
    expect(needsCue(event('alarm.escalated', 3), item('a1', { level: 'larger' }))).toBe(true);
  });
});
