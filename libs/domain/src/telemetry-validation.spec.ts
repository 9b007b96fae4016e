import { validateTelemetry, type DeviceProfile, type ValidReading } from './telemetry-validation.js';

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

type Expect = { accepted: Array<Partial<ValidReading>>; rejected: Array<[code: string, seq?: number]> };

const cases: Array<[name: string, payload: Buffer, expected: Expect]> = [
  [
    'a good single reading',
    doc(sample(1, { ch4_lel: 3.2, temperature_c: 11.5 }, { battery_pct: 86, rssi_dbm: -78 })),
    {
      accepted: [
        {
          seq: 1,
          ts: NOW - 1000,
          metrics: { ch4_lel: 3.2, temperature_c: 11.5 },
          batteryPct: 86,
          rssiDbm: -78,
          partial: false,
        },
      ],
      rejected: [],
    },
  ],
  [
    'an ISO-8601 ts with an offset',
    doc({ ts: '2025-11-22T15:59:00+08:00', seq: 2, metrics: { ch4_lel: 1 } }),
    {
      accepted: [{ ts: NOW - 60_000 }],
      rejected: [],
    },
  ],
  [
    'an ISO-8601 ts with fractional seconds',
    doc({ ts: '2025-11-22T07:59:59.250Z', seq: 2, metrics: { ch4_lel: 1 } }),
    {
      accepted: [{ ts: NOW - 750 }],
      rejected: [],
    },
  ],
  [
    'a fractional epoch ms is truncated',
    doc({ ts: NOW - 0.5, seq: 2, metrics: { ch4_lel: 1 } }),
    { accepted: [{ ts: NOW - 1 }], rejected: [] },
  ],
  ['a payload over 64 KiB', Buffer.alloc(65 * 1024, 32), { accepted: [], rejected: [['payload_too_large']] }],
  ['not JSON', doc('{"ts": 1, "seq": '), { accepted: [], rejected: [['malformed_json']] }],
  ['an empty payload', Buffer.alloc(0), { accepted: [], rejected: [['malformed_json']] }],
  ['a JSON array', doc([1, 2]), { accepted: [], rejected: [['invalid_document']] }],
  ['JSON null', doc('null'), { accepted: [], rejected: [['invalid_document']] }],
  ['a JSON string', doc('"hello"'), { accepted: [], rejected: [['invalid_document']] }],
  [
    'samples that are not an array',
    doc({ samples: { a: 1 } }),
    { accepted: [], rejected: [['invalid_document']] },
  ],
  [
    'a backlog over 1000 samples',
    doc({ samples: Array.from({ length: 1001 }, (_, i) => sample(i, { ch4_lel: 1 })) }),
    {
      accepted: [],
      rejected: [['too_many_samples']],
    },
  ],
  ['an empty backlog', doc({ samples: [] }), { accepted: [], rejected: [] }],
  ['a missing seq', doc({ ts: NOW, metrics: { ch4_lel: 1 } }), { accepted: [], rejected: [['invalid_seq']] }],
  ['a negative seq', doc(sample(-1, { ch4_lel: 1 })), { accepted: [], rejected: [['invalid_seq']] }],
  ['a fractional seq', doc(sample(1.5, { ch4_lel: 1 })), { accepted: [], rejected: [['invalid_seq']] }],
  ['a string seq', doc(sample('7', { ch4_lel: 1 })), { accepted: [], rejected: [['invalid_seq']] }],
  [
    'a seq beyond 2^53',
    doc(sample(2 ** 53 + 2, { ch4_lel: 1 })),
    { accepted: [], rejected: [['invalid_seq']] },
  ],
  [
    'a missing ts',
    doc({ seq: 3, metrics: { ch4_lel: 1 } }),
    { accepted: [], rejected: [['invalid_timestamp', 3]] },
  ],
  [
    'a ts that is not a date',
    doc({ ts: 'yesterday', seq: 3, metrics: { ch4_lel: 1 } }),
    { accepted: [], rejected: [['invalid_timestamp', 3]] },
  ],
  [
    'an ISO ts without a zone',
    doc({ ts: '2025-11-22T08:00:00', seq: 3, metrics: { ch4_lel: 1 } }),
    { accepted: [], rejected: [['invalid_timestamp', 3]] },
  ],
  [
    'an ISO ts on 30 February',
    doc({ ts: '2025-02-30T08:00:00Z', seq: 3, metrics: { ch4_lel: 1 } }),
    { accepted: [], rejected: [['invalid_timestamp', 3]] },
  ],
  [
    'a negative ts',
    doc({ ts: -5, seq: 3, metrics: { ch4_lel: 1 } }),
    { accepted: [], rejected: [['invalid_timestamp', 3]] },
  ],
  [
    'a ts 6 minutes ahead',
    doc({ ts: NOW + 360_000, seq: 3, metrics: { ch4_lel: 1 } }),
    { accepted: [], rejected: [['timestamp_in_future', 3]] },
  ],
  [
    'a ts 4 minutes ahead is tolerated',
    doc({ ts: NOW + 240_000, seq: 3, metrics: { ch4_lel: 1 } }),
    { accepted: [{ seq: 3 }], rejected: [] },
  ],
  [
    'a ts older than retention',
    doc({ ts: NOW - 31 * 86_400_000, seq: 3, metrics: { ch4_lel: 1 } }),
    { accepted: [], rejected: [['timestamp_too_old', 3]] },
  ],
  [
    'a ts in epoch seconds',
    doc({ ts: Math.floor(NOW / 1000), seq: 3, metrics: { ch4_lel: 1 } }),
    { accepted: [], rejected: [['timestamp_too_old', 3]] },
  ],
  ['missing metrics', doc({ ts: NOW, seq: 4 }), { accepted: [], rejected: [['invalid_document', 4]] }],
  ['empty metrics', doc(sample(4, {})), { accepted: [], rejected: [['invalid_document', 4]] }],
  ['metrics as an array', doc(sample(4, [1])), { accepted: [], rejected: [['invalid_document', 4]] }],
  [
    'an unknown metric keeps the good one',
    doc(sample(5, { ch4_lel: 2, foo: 1 })),
    {
      accepted: [{ seq: 5, metrics: { ch4_lel: 2 }, partial: true }],
      rejected: [['unknown_metric', 5]],
    },
  ],
  [
    'a metric of another domain is unknown',
    doc(sample(5, { level_m: 1 })),
    { accepted: [], rejected: [['unknown_metric', 5]] },
  ],
  [
    '__proto__ as a metric name',
    doc('{"ts":' + (NOW - 1) + ',"seq":5,"metrics":{"__proto__":{"x":1},"ch4_lel":1}}'),
    {
      accepted: [{ metrics: { ch4_lel: 1 } }],
      rejected: [['unknown_metric', 5]],
    },
  ],
  [
    'an undeclared catalog metric',
    doc(sample(6, { pressure_mpa: 0.4, ch4_lel: 1 })),
    {
      accepted: [{ metrics: { ch4_lel: 1 }, partial: true }],
      rejected: [['undeclared_metric', 6]],
    },
  ],
  [
    'a string value',
    doc(sample(7, { ch4_lel: '3.2' })),
    { accepted: [], rejected: [['non_finite_value', 7]] },
  ],
  ['a null value', doc(sample(7, { ch4_lel: null })), { accepted: [], rejected: [['non_finite_value', 7]] }],
  [
    'an object value',
    doc(sample(7, { ch4_lel: { v: 1 } })),
    { accepted: [], rejected: [['non_finite_value', 7]] },
  ],
  [
    'a huge number that overflows to Infinity',
    doc(`{"ts":${NOW},"seq":7,"metrics":{"ch4_lel":1e999}}`),
    { accepted: [], rejected: [['non_finite_value', 7]] },
  ],
  [
    'above the physical range',
    doc(sample(8, { ch4_lel: 180 })),
    { accepted: [], rejected: [['out_of_range', 8]] },
  ],
  [
    'below the physical range',
    doc(sample(8, { ch4_lel: -0.1 })),
    { accepted: [], rejected: [['out_of_range', 8]] },
  ],
  [
    'the physical range bounds are inclusive',
    doc(sample(8, { ch4_lel: 100, c2h6_present: 0 })),
    { accepted: [{ metrics: { ch4_lel: 100, c2h6_present: 0 } }], rejected: [] },
  ],
  [
    'outside the device range but inside the catalog',
    doc(sample(8, { temperature_c: 70, ch4_lel: 1 })),
    {
      accepted: [{ metrics: { ch4_lel: 1 } }],
      rejected: [['out_of_range', 8]],
    },
  ],
  [
    'a fractional flag',
    doc(sample(8, { c2h6_present: 0.5 })),
    { accepted: [], rejected: [['out_of_range', 8]] },
  ],
  [
    'a bad battery keeps the metrics',
    doc(sample(9, { ch4_lel: 1 }, { battery_pct: 140, rssi_dbm: -80 })),
    {
      accepted: [{ metrics: { ch4_lel: 1 }, rssiDbm: -80, partial: true }],
      rejected: [['out_of_range', 9]],
    },
  ],
  [
    'a bad rssi keeps the metrics',
    doc(sample(9, { ch4_lel: 1 }, { battery_pct: 50, rssi_dbm: 5 })),
    {
      accepted: [{ batteryPct: 50, partial: true }],
      rejected: [['out_of_range', 9]],
    },
  ],
  [
    'a string battery',
    doc(sample(9, { ch4_lel: 1 }, { battery_pct: 'full' })),
    { accepted: [{ seq: 9 }], rejected: [['non_finite_value', 9]] },
  ],
  [
    'every metric bad drops the sample',
    doc(sample(10, { ch4_lel: 500, foo: 1 }, { battery_pct: 50 })),
    {
      accepted: [],
      rejected: [
        ['out_of_range', 10],
        ['unknown_metric', 10],
      ],
    },
  ],
  [
    'a backlog keeps its good samples',
    doc({
      samples: [
        sample(1, { ch4_lel: 1 }),
        sample(2, { ch4_lel: 'x' }),
        42,
        sample(3, { ch4_lel: 3 }),
        { ts: NOW, seq: -4, metrics: { ch4_lel: 1 } },
      ],
    }),
    {
      accepted: [{ seq: 1 }, { seq: 3 }],
      rejected: [['non_finite_value', 2], ['invalid_document'], ['invalid_seq']],
    },
  ],
];

describe('validateTelemetry', () => {
  it.each(cases)('%s', (_name, payload, expected) => {
    const result = validateTelemetry(payload, device, ctx);
    expect(result.accepted).toHaveLength(expected.accepted.length);
    expected.accepted.forEach((reading, i) => expect(result.accepted[i]).toMatchObject(reading));
    expect(result.rejected.map((r) => (r.seq === undefined ? [r.code] : [r.code, r.seq]))).toEqual(
      expected.rejected,
    );
    for (const r of result.rejected) expect(r.message.length).toBeGreaterThan(10);
  });
});
