import { MAX_BACKLOG_SAMPLES, MAX_TELEMETRY_BYTES } from '#contracts';
import { metricSpec } from '#domain';
import { type Reading, type Sample, encodeBacklog, encodeSample } from './encode.js';
import { MAX_STORED, OUT_OF_ORDER_WINDOW, createEmitter, emit } from './emitter.js';
import {
  EXPECTED_REJECTION,
  FUTURE_SKEW_MS,
  MALFORMED_KINDS,
  UNKNOWN_METRIC,
  malformedPayload,
} from './malformed.js';

const TS = Date.UTC(2026, 10, 22, 8);
const reading = (k: number): Reading => ({
  ts: TS + k * 1000,
  metrics: { ch4_lel: 1.2, temperature_c: 11.5 },
  battery_pct: 86,
  rssi_dbm: -78,
});
const sample = (seq: number): Sample => ({ ...reading(seq), seq });
const seqOf = (payload: string): number => (JSON.parse(payload) as { seq: number }).seq;

describe('telemetry encoding (CONTRACT.md §1)', () => {
  it('encodes { ts, seq, metrics, battery_pct, rssi_dbm } in that order', () => {
    expect(
      encodeSample({ ...sample(1042), ts: 1763798400000, metrics: { ch4_lel: 3.2, temperature_c: 11.5 } }),
    ).toBe(
      '{"ts":1763798400000,"seq":1042,"metrics":{"ch4_lel":3.2,"temperature_c":11.5},"battery_pct":86,"rssi_dbm":-78}',
    );
    expect(encodeSample({ ts: 1, seq: 2, metrics: { o2_pct: 20.9 } })).toBe(
      '{"ts":1,"seq":2,"metrics":{"o2_pct":20.9}}',
    );
  });

  it('splits a backlog into {"samples":[…]} batches of ≤ 1,000 samples and ≤ 64 KiB, in order', () => {
    const samples = Array.from({ length: 2_600 }, (_, i) => sample(i));
    const batches = encodeBacklog(samples);
    const seqs: number[] = [];
    for (const b of batches) {
      expect(Buffer.byteLength(b)).toBeLessThanOrEqual(MAX_TELEMETRY_BYTES);
      const doc = JSON.parse(b) as { samples: Sample[] };
      expect(doc.samples.length).toBeLessThanOrEqual(MAX_BACKLOG_SAMPLES);
      seqs.push(...doc.samples.map((s) => s.seq));
    }
    expect(seqs).toEqual(samples.map((s) => s.seq));
    const small = encodeBacklog(
      Array.from({ length: 1_500 }, (_, i) => ({ ts: i, seq: i, metrics: { c2h6_present: 0 } })),
    );
    expect(small.map((b) => (JSON.parse(b) as { samples: unknown[] }).samples.length)).toEqual([1_000, 500]);
  });
});

describe('malformed payloads', () => {
  const base = sample(7);

  it('produces every bad kind, each broken the way its name says', () => {
    const out = Object.fromEntries(MALFORMED_KINDS.map((k) => [k, malformedPayload(k, base)]));
    expect(() => JSON.parse(out.invalid_json) as unknown).toThrow(SyntaxError);
    const unknown = JSON.parse(out.unknown_metric) as Sample;
    expect(Object.keys(unknown.metrics)).toContain(UNKNOWN_METRIC);
    for (const d of ['gas', 'heating', 'water', 'drainage', 'bridge', 'tunnel'] as const)
      expect(metricSpec(d, UNKNOWN_METRIC)).toBeUndefined();
    const nonFinite = JSON.parse(out.non_finite) as Sample;
    expect(Object.values(nonFinite.metrics).some((v) => !Number.isFinite(v))).toBe(true);
    expect(Buffer.byteLength(out.oversized)).toBeGreaterThan(MAX_TELEMETRY_BYTES);
    expect(() => JSON.parse(out.oversized) as unknown).not.toThrow();
    expect((JSON.parse(out.future_timestamp) as Sample).ts - base.ts).toBe(FUTURE_SKEW_MS);
    expect(FUTURE_SKEW_MS).toBeGreaterThan(5 * 60_000);
    expect(Object.keys(EXPECTED_REJECTION).sort()).toEqual([...MALFORMED_KINDS].sort());
  });
});

describe('emitter', () => {
  it('numbers readings and sends one document each when no fault is active', () => {
    const state = createEmitter(100);
    const a = emit(state, reading(0), undefined);
    const b = emit(state, reading(1), undefined);
    expect([a.payloads.map(seqOf), b.payloads.map(seqOf)]).toEqual([[100], [101]]);
    expect(a.link).toBe('up');
  });

  it('duplicates: sends each reading twice with the same seq', () => {
    const e = emit(createEmitter(), reading(0), 'duplicates');
    expect(e.payloads).toHaveLength(2);
    expect(e.payloads[0]).toBe(e.payloads[1]);
  });

  it('out-of-order: releases windows of 5 shuffled, then the remainder once the fault ends', () => {
    const state = createEmitter();
    const sent: number[][] = [];
    for (let k = 0; k < 7; k++) sent.push(emit(state, reading(k), 'out-of-order').payloads.map(seqOf));
    const window = sent[OUT_OF_ORDER_WINDOW - 1];
    expect(sent.slice(0, OUT_OF_ORDER_WINDOW - 1).every((p) => p.length === 0)).toBe(true);
    expect([...window].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(window).not.toEqual([0, 1, 2, 3, 4]);
    const after = emit(state, reading(7), undefined).payloads.map(seqOf);
    expect([...after.slice(0, 2)].sort()).toEqual([5, 6]);
    expect(after[2]).toBe(7);
  });

  it('offline: cuts the link and loses the readings, restores the link when the fault ends', () => {
    const state = createEmitter();
    const off = emit(state, reading(0), 'offline');
    expect(off).toEqual({ payloads: [], link: 'down', lost: 1 });
    expect(emit(state, reading(1), undefined)).toMatchObject({ link: 'up', lost: 0 });
  });

  it('backlog: stores readings offline and uploads them as one samples batch on reconnect', () => {
    const state = createEmitter();
    for (let k = 0; k < 12; k++)
      expect(emit(state, reading(k), 'backlog')).toEqual({ payloads: [], link: 'down', lost: 0 });
    const back = emit(state, reading(12), undefined);
    expect(back.link).toBe('up');
    expect((JSON.parse(back.payloads[0]) as { samples: Sample[] }).samples.map((s) => s.seq)).toEqual([
      ...Array(12).keys(),
    ]);
    expect(seqOf(back.payloads[1])).toBe(12);
  });

  it('backlog: keeps only the newest readings the device can store', () => {
    const state = createEmitter();
    let lost = 0;
    for (let k = 0; k < MAX_STORED + 3; k++) lost += emit(state, reading(k), 'backlog').lost;
    expect(lost).toBe(3);
    expect(state.held[0].seq).toBe(3);
  });

  it('malformed: follows each good reading with a bad one, cycling through every kind', () => {
    const state = createEmitter();
    const bad = Array.from(
      { length: MALFORMED_KINDS.length },
      (_, k) => emit(state, reading(k), 'malformed').payloads,
    );
    for (const [good] of bad) expect(() => JSON.parse(good) as unknown).not.toThrow();
    expect(bad.map((p) => p[1])).toEqual(
      MALFORMED_KINDS.map((kind, k) => malformedPayload(kind, { ...reading(k), seq: 2 * k + 1 })),
    );
  });
});
