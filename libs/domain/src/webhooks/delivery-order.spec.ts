import { deliveryOrder, type OrderableEvent } from './delivery-order.js';

const ev = (over: Partial<OrderableEvent>): OrderableEvent => ({
  id: 42,
  type: 'alarm.raised',
  alarmId: null,
  data: {},
  ...over,
});

describe('deliveryOrder', () => {
  it.each([
    [
      'an alarm event: the alarm, by its sequence',
      ev({ alarmId: 'a-1', data: { sequence: 3 } }),
      { key: 'alarm:a-1', seq: 3 },
    ],
    [
      'the alarm id from data when the column is empty',
      ev({ data: { alarmId: 'a-2', sequence: 1 } }),
      { key: 'alarm:a-2', seq: 1 },
    ],
    [
      'an alarm event without a usable sequence stands alone',
      ev({ alarmId: 'a-1', data: { sequence: 0 } }),
      { key: 'event:42', seq: 42 },
    ],
    [
      'a device event: the device, by event id',
      ev({ type: 'device.offline', data: { deviceId: 'GAS-DEV-1' } }),
      { key: 'device:GAS-DEV-1', seq: 42 },
    ],
    [
      'a risk change: the asset, by event id',
      ev({ type: 'risk.level_changed', data: { assetId: 'GAS-SEG-1' } }),
      { key: 'risk:GAS-SEG-1', seq: 42 },
    ],
    [
      'an incident: the incident',
      ev({ type: 'incident.updated', data: { incidentId: 'i-9' } }),
      { key: 'incident:i-9', seq: 42 },
    ],
    [
      'anything else stands alone',
      ev({ type: 'maintenance.started', data: {} }),
      { key: 'event:42', seq: 42 },
    ],
  ])('%s', (_name, event, order) => expect(deliveryOrder(event)).toEqual(order));

  it('keeps one alarm’s events in one queue whatever their types', () => {
    const keys = ['alarm.raised', 'alarm.acknowledged', 'alarm.resolved'].map(
      (type, i) => deliveryOrder(ev({ id: 100 + i, type, alarmId: 'a-1', data: { sequence: i + 1 } })).key,
    );
    expect(new Set(keys)).toEqual(new Set(['alarm:a-1']));
  });
});
