import { validateDeviceEvent, validateStatus } from './telemetry-validation-event.js';

const NOW = Date.UTC(2025, 10, 22, 8, 0, 0);
const ctx = { nowMs: NOW, retentionMs: 30 * 86_400_000, futureToleranceMs: 300_000 };
const doc = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('validateDeviceEvent', () => {
  it.each([
    [
      'a known event',
      { ts: NOW, type: 'immersion', detail: { depth_cm: 3 } },
      { ts: NOW, type: 'immersion', known: true, detail: { depth_cm: 3 } },
    ],
    [
      'an event without detail',
      { ts: '2025-11-22T08:00:00Z', type: 'cover_open' },
      { ts: NOW, known: true, detail: {} },
    ],
    ['another snake_case type', { ts: NOW, type: 'door_open' }, { type: 'door_open', known: false }],
  ])('accepts %s', (_name, payload, expected) => {
    const result = validateDeviceEvent(doc(payload), ctx);
    expect(result.ok && result.value).toMatchObject(expected);
  });

  it.each([
    ['not JSON', doc('{'), 'malformed_json'],
    ['an array', doc([]), 'invalid_document'],
    ['a missing type', doc({ ts: NOW }), 'invalid_document'],
    ['a type that is not a name', doc({ ts: NOW, type: 'Cover Open!' }), 'invalid_document'],
    ['a detail that is not an object', doc({ ts: NOW, type: 'tamper', detail: 'x' }), 'invalid_document'],
    ['a ts in the future', doc({ ts: NOW + 3_600_000, type: 'tamper' }), 'timestamp_in_future'],
    ['a missing ts', doc({ type: 'tamper' }), 'invalid_timestamp'],
    ['an oversized payload', Buffer.alloc(70_000, 32), 'payload_too_large'],
  ])('rejects %s', (_name, payload, code) => {
    const result = validateDeviceEvent(payload, ctx);
    expect(result.ok ? 'accepted' : result.rejection.code).toBe(code);
  });
});

describe('validateStatus', () => {
  it.each([
    ['{"online":true}', true],
    ['{"online":false}', false],
    ['{"online":"yes"}', 'invalid_document'],
    ['[]', 'invalid_document'],
    ['online', 'malformed_json'],
  ])('%s → %s', (payload, expected) => {
    const result = validateStatus(Buffer.from(payload));
    expect(result.ok ? result.value : result.rejection.code).toBe(expected);
  });
});
