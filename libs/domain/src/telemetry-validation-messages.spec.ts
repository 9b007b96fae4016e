import { validateTelemetry, type DeviceProfile } from './telemetry-validation.js';

const NOW = Date.UTC(2025, 10, 22, 8, 0, 0); // 2025-11-22T08:00:00Z
const ctx = { nowMs: NOW, retentionMs: 30 * 86_400_000, futureToleranceMs: 300_000 };
const device: DeviceProfile = {
  id: 'GAS-DEV-0001',
  domain: 'gas',
  metrics: ['ch4_lel', 'c2h6_present', 'temperature_c'],
  ranges: { temperature_c: { min: -20, max: 60 } },
  enabled: true,
};

const doc = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const sample = (seq: unknown, metrics: unknown, extra: Record<string, unknown> = {}) => ({
  ts: NOW - 1000,
  seq,
  metrics,
  ...extra,
});

describe('validateTelemetry: messages, batches and hostile input', () => {
  it.each([
    [sample(8, { ch4_lel: 180 }), 'metric "ch4_lel" value 180 is outside the physical range 0–100 %LEL'],
    [
      sample(8, { temperature_c: 70 }),
      'metric "temperature_c" value 70 is outside the device range -20–60 °C',
    ],
    [sample(6, { pressure_mpa: 0.4 }), 'metric "pressure_mpa" is not declared by device GAS-DEV-0001'],
    [sample(5, { foo: 1 }), 'metric "foo" is not in the gas metric catalog'],
    [sample(7, { ch4_lel: null }), 'metric "ch4_lel" value null is not a finite number'],
    [
      sample(9, { ch4_lel: 1 }, { battery_pct: 140 }),
      'battery_pct value 140 is outside the valid range 0–100 %',
    ],
    [
      { ts: NOW + 600_000, seq: 3, metrics: { ch4_lel: 1 } },
      'ts 2025-11-22T08:10:00.000Z is 600 s ahead of the platform clock; at most 300 s is tolerated',
    ],
  ])('says precisely what is wrong (%#)', (payload, message) => {
    expect(validateTelemetry(doc(payload), device, ctx).rejected[0].message).toBe(message);
  });

  it('marks a backlog and a single reading apart', () => {
    expect(validateTelemetry(doc({ samples: [sample(1, { ch4_lel: 1 })] }), device, ctx).backlog).toBe(true);
    expect(validateTelemetry(doc(sample(1, { ch4_lel: 1 })), device, ctx).backlog).toBe(false);
  });

  it('keeps 997 of a 1000-sample backlog with 3 bad samples', () => {
    const samples = Array.from({ length: 1000 }, (_, i) =>
      sample(i, { ch4_lel: [10, 500, 900].includes(i) ? 101 : 1 }),
    );
    const result = validateTelemetry(doc({ samples }), device, ctx);
    expect(result.accepted).toHaveLength(997);
    expect(result.rejected.map((r) => r.seq)).toEqual([10, 500, 900]);
  });

  it.each([
    ['random bytes', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22])],
    ['deeply nested arrays', doc('['.repeat(5000) + ']'.repeat(5000))],
    ['a huge metric name', doc(sample(1, { ['x'.repeat(10_000)]: 1 }))],
  ])('never throws on %s', (_name, payload) => {
    expect(() => validateTelemetry(payload, device, ctx)).not.toThrow();
  });
});
