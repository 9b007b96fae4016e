import { encodeReadingLine, type StoredReading } from './line-protocol.js';
import { InfluxError } from './influx-error.js';

const reading = (over: Partial<StoredReading> = {}): StoredReading => ({
  domain: 'gas',
  district: 'Kangbashi',
  assetId: 'GAS-SEG-0001',
  deviceId: 'GAS-DEV-0001',
  ts: 1763798400000,
  seq: 1042,
  metrics: { ch4_lel: 3.2 },
  quality: 'good',
  ...over,
});

describe('encodeReadingLine', () => {
  it.each<[string, Partial<StoredReading>, string]>([
    [
      'plain reading, tags in key order, seq as integer, quality as string',
      {},
      'telemetry,asset_id=GAS-SEG-0001,device_id=GAS-DEV-0001,district=Kangbashi,domain=gas ch4_lel=3.2,seq=1042i,quality="good" 1763798400000',
    ],
    [
      'integral metric values stay floats (no i suffix); several metrics in insertion order',
      { metrics: { ch4_lel: 3, temperature_c: -11.5 } },
      'telemetry,asset_id=GAS-SEG-0001,device_id=GAS-DEV-0001,district=Kangbashi,domain=gas ch4_lel=3,temperature_c=-11.5,seq=1042i,quality="good" 1763798400000',
    ],
    [
      'optional device-health fields',
      { batteryPct: 86, rssiDbm: -78, quality: 'backfill' },
      'telemetry,asset_id=GAS-SEG-0001,device_id=GAS-DEV-0001,district=Kangbashi,domain=gas ch4_lel=3.2,seq=1042i,quality="backfill",battery_pct=86,rssi_dbm=-78 1763798400000',
    ],
    [
      'spaces, commas and equals signs in tag values are escaped',
      { district: 'Kang bashi,East=1' },
      'telemetry,asset_id=GAS-SEG-0001,device_id=GAS-DEV-0001,district=Kang\\ bashi\\,East\\=1,domain=gas ch4_lel=3.2,seq=1042i,quality="good" 1763798400000',
    ],
    [
      'non-ASCII district is written as is',
      { district: '康巴什区' },
      'telemetry,asset_id=GAS-SEG-0001,device_id=GAS-DEV-0001,district=康巴什区,domain=gas ch4_lel=3.2,seq=1042i,quality="good" 1763798400000',
    ],
    [
      'an empty district is left out (tag values cannot be empty)',
      { district: '' },
      'telemetry,asset_id=GAS-SEG-0001,device_id=GAS-DEV-0001,domain=gas ch4_lel=3.2,seq=1042i,quality="good" 1763798400000',
    ],
    [
      'field keys are escaped like tag keys',
      { metrics: { 'odd key,x=1': 1.5 } },
      'telemetry,asset_id=GAS-SEG-0001,device_id=GAS-DEV-0001,district=Kangbashi,domain=gas odd\\ key\\,x\\=1=1.5,seq=1042i,quality="good" 1763798400000',
    ],
    [
      'a backslash inside a tag value is kept literally',
      { district: 'a\\b' },
      'telemetry,asset_id=GAS-SEG-0001,device_id=GAS-DEV-0001,district=a\\b,domain=gas ch4_lel=3.2,seq=1042i,quality="good" 1763798400000',
    ],
  ])('%s', (_name, over, expected) => {
    expect(encodeReadingLine(reading(over))).toBe(expected);
  });

  it('escapes double quotes and backslashes in string fields', () => {
    // quality is an enum in the type, but the encoder must not trust a cast value.
    const line = encodeReadingLine(reading({ quality: 'say "hi" \\o/' as StoredReading['quality'] }));
    expect(line).toContain('quality="say \\"hi\\" \\\\o/"');
  });

  it.each<[string, Partial<StoredReading>]>([
    ['newline in a tag value', { district: 'a\nb' }],
    ['carriage return in a tag value', { assetId: 'a\rb' }],
    ['trailing backslash in a tag value', { district: 'abc\\' }],
    ['empty device id', { deviceId: '' }],
    ['NaN metric', { metrics: { ch4_lel: Number.NaN } }],
    ['infinite battery', { batteryPct: Number.POSITIVE_INFINITY }],
    ['fractional seq', { seq: 1.5 }],
    ['fractional timestamp', { ts: 1763798400000.5 }],
    ['metric named like a reserved field', { metrics: { seq: 1 } }],
    ['newline in a string field', { quality: 'good\n' as StoredReading['quality'] }],
  ])('refuses %s with unrepresentable_value', (_name, over) => {
    let caught: unknown;
    try {
      encodeReadingLine(reading(over));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InfluxError);
    expect((caught as InfluxError).code).toBe('unrepresentable_value');
  });
});
