import { describe, expect, it } from '@jest/globals';
import { availableActions } from './alarm-actions';
import type { AlarmItem } from './alarm-model';

const alarm = (over: Partial<AlarmItem> = {}): AlarmItem => ({
  id: 'a1',
  assetId: 'GAS-SEG-0001',
  ownerUnitId: 'gas-co',
  domain: 'gas',
  level: 'general',
  state: 'raised',
  deviceId: null,
  metric: null,
  value: null,
  threshold: null,
  raisedAt: 0,
  sequence: 1,
  acknowledged: null,
  shelved: false,
  overdueAt: null,
  ...over,
});

describe('availableActions', () => {
  it('offers the monitoring room triage on a raised alarm', () => {
    expect(availableActions(alarm(), 'monitor', null)).toEqual([
      'acknowledge',
      'verify',
      'dismiss',
      'shelve',
    ]);
  });

  it('lets a major alarm be dispatched without verification', () => {
    expect(availableActions(alarm({ level: 'major' }), 'monitor', null)).toContain('dispatch');
  });

  it('follows the state and flags', () => {
    const dispatched = alarm({ state: 'dispatched', acknowledged: { by: 'x', at: 1 }, shelved: true });
    expect(availableActions(dispatched, 'monitor', null)).toEqual(['unshelve']);
    expect(availableActions(alarm({ state: 'resolved' }), 'monitor', null)).toEqual([
      'acknowledge',
      'close',
      'reopen',
      'shelve',
    ]);
  });

  it('gives a utility its field steps on its own alarms only', () => {
    const dispatched = alarm({ state: 'dispatched' });
    expect(availableActions(dispatched, 'utility', 'gas-co')).toEqual(['acknowledge', 'accept']);
    expect(availableActions(dispatched, 'utility', 'water-co')).toEqual([]);
  });

  it('gives an auditor nothing', () => {
    expect(availableActions(alarm(), 'auditor', null)).toEqual([]);
  });
});
