import type { MeasuredWindow, BenchResult, SteadyResult, RampResult, OutageResult } from './results.js';
import { computeRatios } from './ratios.js';
import { otherWork } from './report-format.js';
import { int, ms, renderReport, table } from './report.js';

function win(label: string, rate: number, service: string, mcores: number, p99 = 80): MeasuredWindow {
  return {
    label,
    targetRate: rate,
    traffic: {
      seconds: 60,
      sent: rate * 60,
      acked: rate * 60,
      sentRate: rate,
      ackedRate: rate,
      outstandingStart: 100,
      outstandingEnd: 100,
      latency: { count: rate * 60, p50: 40, p99, p999: p99 * 2, max: p99 * 3 },
      lagMaxMs: 2,
      queuedBytesMax: 0,
      disconnects: 0,
      connected: 10_000,
    },
    processes: {
      [service]: {
        millicores: mcores,
        millicoresPer1k: mcores / (rate / 1000),
        rssAvgMiB: 300,
        rssMaxMiB: 320,
      },
      generator: { millicores: 200, millicoresPer1k: 200 / (rate / 1000), rssAvgMiB: 90, rssMaxMiB: 95 },
      influxd: { millicores: 100, millicoresPer1k: 10, rssAvgMiB: 200, rssMaxMiB: 210 },
      machine: { millicores: 1500, millicoresPer1k: NaN, rssAvgMiB: NaN, rssMaxMiB: 0 },
    },
  };
}

const connect = {
  sensors: 10_000,
  connected: 10_000,
  failed: 0,
  seconds: 12.5,
  errors: [],
  rssIdleMiB: 150,
  rssConnectedMiB: 260,
  rssPer10kMiB: 110,
};
const loss = (sent: number, missing = 0) => ({
  devices: 10_000,
  sent,
  stored: sent - missing,
  missing,
  extra: 0,
  devicesShort: missing ? 1 : 0,
  unexpectedDevices: 0,
  examples: missing ? [{ deviceId: 'GAS-DEV-00001', sent: 60, stored: 60 - missing }] : [],
  zeroLoss: missing === 0,
  duplicates: 0,
  waitedSeconds: 0.2,
});

const w1: SteadyResult = {
  kind: 'steady',
  connect,
  window: win('w1', 10_000, 'server', 800),
  loss: loss(750_000),
  counters: null,
  drainSeconds: 1.1,
  notes: [],
};
const step = (rate: number, verdict: 'held' | 'not_held', missing = 0): RampResult['steps'][number] => ({
  rate,
  window: win(`r-${rate}`, rate, 'server', rate / 12),
  judged: win(`r-${rate}`, rate, 'server', 0).traffic,
  decision: { verdict, reasons: verdict === 'held' ? [] : ['PUBACK p99 4.0 s > 3.0 s'] },
  loss: loss(rate * 60, missing),
});
const r: RampResult = {
  kind: 'ramp',
  stepSeconds: 60,
  connect,
  steps: [
    step(5000, 'held'),
    step(10_000, 'held'),
    step(15_000, 'held'),
    step(20_000, 'held'),
    step(25_000, 'not_held'),
  ],
  highestHeld: 20_000,
  generatorLimited: false,
  stoppedBecause: '25000/s: PUBACK p99 4.0 s > 3.0 s',
  drainSeconds: 4,
  counters: null,
  notes: [],
};
const s: OutageResult = {
  kind: 'outage',
  connect,
  outageSeconds: 30,
  restartSeconds: 2.5,
  phases: [win('before the outage', 10_000, 'server', 800), win('InfluxDB down', 10_000, 'server', 900, 300)],
  replaySeconds: 12.3,
  spoolPeakLines: 300_000,
  loss: loss(1_000_000),
  counters: null,
  notes: [],
};

function result(partial: Partial<BenchResult> = {}): BenchResult {
  const workloads = partial.workloads ?? {
    W1: w1,
    R: r,
    S: s,
    A: { kind: 'not_measured', reason: 'no alarm engine yet' },
  };
  const references: BenchResult['references'] = partial.references ?? {
    rawBroker: {
      steady: { ...w1, window: win('raw-w1', 10_000, 'rawBroker', 300), loss: null },
      ramp: { ...r, highestHeld: 35_000 },
      capacity: 35_000,
    },
    rawStore: {
      batchLines: 5000,
      runs: [
        {
          form: 'gzip',
          inFlight: 4,
          lines: 2_000_000,
          seconds: 4,
          linesPerSecond: 500_000,
          failures: 0,
          influxdMillicores: 1500,
          machineMillicores: 1900,
        },
      ],
      best: 500_000,
    },
    rawDecode: {
      payloads: 20_000,
      readings: 1_000_000,
      rejected: 0,
      seconds: 5,
      readingsPerSecond: 200_000,
      decodeUs: 5,
      encodeUs: 1.5,
      gzipUs: 0.5,
    },
  };
  return {
    startedAt: '2026-11-22T08:00:00.000Z',
    finishedAt: '2026-11-22T08:20:00.000Z',
    quick: false,
    command: 'npm run bench',
    machine: { cpuModel: 'AMD EPYC', cores: 2, memoryGiB: 23.5 },
    versions: { node: 'v20.20.2', aedes: '1.2.0', influxdb: '1.6.7~rc0', postgresql: '15.18' },
    settings: { 'writer batch size (INFLUX_BATCH_SIZE)': '5000' },
    registration: { devices: 10_000, assets: 5000, seconds: 20 },
    workloads,
    references,
    ratios: computeRatios(workloads, references),
    errors: [],
    notes: [],
    ...partial,
  };
}

describe('computeRatios', () => {
  it('sustained over the slower raw reference, and CPU per reading over the stage sum', () => {
    const ra = result().ratios;
    expect(ra.sustained).toBe(20_000);
    expect(ra.sustainedOverSlowerRaw).toBeCloseTo(20_000 / 35_000, 9);
    expect(ra.serviceCpuUs).toBeCloseTo(80, 9); // 800 mcores at 10k/s
    expect(ra.stageParts.broker).toBeCloseTo(30, 9); // 300 mcores at 10k/s
    expect(ra.stageSumUs).toBeCloseTo(30 + 5 + 1.5 + 0.5, 9);
    expect(ra.cpuOverStages).toBeCloseTo(80 / 37, 9);
  });

  it('is null where a figure is missing', () => {
    const ra = computeRatios({}, {});
    expect(ra).toMatchObject({
      sustained: null,
      sustainedOverSlowerRaw: null,
      serviceCpuUs: null,
      stageSumUs: null,
      cpuOverStages: null,
    });
  });
});

describe('renderReport', () => {
  const md = renderReport(result());

  it('leads with the targets and whether they are met', () => {
    expect(md).toContain('| Sustained readings/s with zero loss (R) | 20,000 | ≥ 20,000 | yes |');
    expect(md).toContain('| sustained / min(raw broker, raw store) | 0.57 | ≥ 0.5 | yes |');
    expect(md).toMatch(/W1 zero loss .*\*\*yes\*\* — 750,000 of 750,000/);
  });

  it('states machine, versions and settings', () => {
    expect(md).toContain('| cpuModel | AMD EPYC |');
    expect(md).toContain('| influxdb | 1.6.7~rc0 |');
    expect(md).toContain('| writer batch size (INFLUX_BATCH_SIZE) | 5000 |');
  });

  it('lists every ramp step with its verdict and the highest rate held', () => {
    expect(md).toContain('**Highest rate held: 20,000 readings/s**');
    expect(md).toMatch(/\| 25,000 \|.*not_held: PUBACK p99 4\.0 s > 3\.0 s/);
  });

  it('reports A as not yet measured, never a figure', () => {
    expect(md).toContain('**Not yet measured.** The bench does not drive the alarm path yet');
    expect(md).toContain('| A alarm storm | not yet measured | — | — |');
  });

  it('states the fixed CPU cost of the connected sensors when measured', () => {
    const withIdle = structuredClone(result());
    (withIdle.workloads.W1 as SteadyResult).connect.connectedIdleMillicores = 54;
    expect(renderReport(withIdle)).toContain('CPU with all connected and no traffic: 54 millicores.');
  });

  it('says the latency is publish → PUBACK, sent only once durable', () => {
    expect(md).toMatch(/PUBACK only once the\s+reading is durable/);
  });

  it('keeps every table rectangular', () => {
    const lines = md.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('|') || (i > 0 && lines[i - 1].startsWith('|'))) continue;
      const cols = (l: string): number => l.replace(/\\\|/g, '').split('|').length;
      const width = cols(lines[i]);
      for (let j = i + 1; j < lines.length && lines[j].startsWith('|'); j++)
        expect([lines[j], cols(lines[j])]).toEqual([lines[j], width]);
    }
  });

  it('flags a missed target and loss', () => {
    const bad = structuredClone(result());
    (bad.workloads.R as RampResult).highestHeld = 10_000;
    (bad.workloads.W1 as SteadyResult).loss = loss(750_000, 3);
    const text = renderReport({ ...bad, ratios: computeRatios(bad.workloads, bad.references) });
    expect(text).toContain('| Sustained readings/s with zero loss (R) | 10,000 | ≥ 20,000 | **no** |');
    expect(text).toMatch(/\*\*no\*\* — 3 missing on 1 devices/);
  });

  it('says when no ramp step held, rather than "not measured"', () => {
    const bad = structuredClone(result());
    const ramp = bad.workloads.R as RampResult;
    ramp.steps = [step(5000, 'not_held')];
    ramp.highestHeld = null;
    const text = renderReport({ ...bad, ratios: computeRatios(bad.workloads, bad.references) });
    expect(text).toContain(
      '| Sustained readings/s with zero loss (R) | none held (the first step, 5,000/s, failed) | ≥ 20,000 | **no** |',
    );
    expect(text).toContain('1 step of 60 s');
    expect(text).toContain('| sustained / min(raw broker, raw store) | < 0.14 | ≥ 0.5 | **no** |');
    expect(text).toContain('| < 0.14 | < 5,000 / min(35,000, 500,000) |');
  });

  it('marks CPU per 1k/s of a window where the service fell behind', () => {
    const behind = structuredClone(result());
    const w = (behind.workloads.W1 as SteadyResult).window;
    w.traffic.ackedRate = w.traffic.sentRate * 0.5;
    const text = renderReport(behind);
    expect(text).toMatch(/\| w1 \|.*\| 800 \(80†\) \|/);
    expect(text).toContain('† The service fell behind in this window');
    expect(text).toContain('80 millicores † (the service fell behind: acked 5,000/s of 10,000/s)');
    expect(md).not.toContain('† The service fell behind');
  });

  it('marks a window where the generator could not keep its schedule', () => {
    const short = structuredClone(result());
    const w = (short.workloads.W1 as SteadyResult).window;
    w.traffic.sentRate = 7000;
    w.traffic.lagMaxMs = 2600;
    const text = renderReport(short);
    expect(text).toMatch(/\| w1 \| 60 s \| 7,000‡ \|/);
    expect(text).toContain('‡ w1: the generator sent 7,000/s of the 10,000/s scheduled (worst lag 2.60 s)');
  });

  it('renders a partial run without throwing', () => {
    const text = renderReport(
      result({
        workloads: {},
        references: {},
        ratios: computeRatios({}, {}),
        errors: ['registration: boom'],
      }),
    );
    expect(text).toContain('Not run (`--workloads`).');
    expect(text).toContain('- **error:** registration: boom');
  });

  it('is deterministic', () => {
    expect(renderReport(result())).toBe(md);
  });
});

describe('noise', () => {
  it('says how much CPU other work took during the measured windows', () => {
    // Fixture windows: machine 1500 − (service + generator 200 + influxd 100).
    expect(renderReport(result())).toMatch(
      /\*\*Noise:\*\* work other than the measured processes took on average [\d,]+ millicores/,
    );
  });

  it.each([
    [1500, [{ millicores: 800 }, { millicores: 200 }, null], 500],
    [900, [{ millicores: 800 }, { millicores: 200 }], 0],
    [undefined, [], NaN],
    [1000, [{ millicores: NaN }], 1000],
  ])('otherWork(%d, %j) = %d', (machine, ours, expected) => {
    expect(otherWork(machine, ours)).toEqual(expected);
  });
});

describe('formatting helpers', () => {
  it.each([
    [0.42, '0.4 ms'],
    [12.4, '12 ms'],
    [2345, '2.35 s'],
    [NaN, 'n/a'],
  ])('ms(%d) = %s', (v, text) => expect(ms(v)).toBe(text));

  it('int groups thousands and prints n/a for nothing', () => {
    expect(int(1234567.4)).toBe('1,234,567');
    expect(int(null)).toBe('n/a');
  });

  it('escapes pipes in cells', () => {
    expect(table(['a'], [['x|y']])[2]).toBe('| x\\|y |');
  });
});
