import {
  cpuMicrosPerReading,
  millicores,
  millicoresPer1k,
  parseMachineCpu,
  parseStatCpuTicks,
  parseStatusRssBytes,
} from './proc-stats.js';

// Real lines from Linux 6.x (proc(5)); the second has a command name with spaces and parentheses.
const STAT =
  '4242 (node) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1500 320 0 0 20 0 11 0 987654 1234567890 45678 18446744073709551615 1 1 0 0 0 0 0 16781312 134235650 0 0 0 17 1 0 0 0 0 0';
const STAT_ODD =
  '77 (my (weird) proc) R 1 77 77 0 -1 4194304 10 0 0 0 25 5 0 0 20 0 1 0 100 200 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0';

describe('parseStatCpuTicks', () => {
  it.each([
    [STAT, 1820],
    [STAT_ODD, 30],
  ])('utime + stime of %#', (line, ticks) => {
    expect(parseStatCpuTicks(line)).toBe(ticks);
  });

  it.each(['', 'garbage', '1 (x) S'])('throws on %j', (line) => {
    expect(() => parseStatCpuTicks(line)).toThrow();
  });
});

describe('parseStatusRssBytes', () => {
  it('reads VmRSS in kB as bytes', () => {
    const status =
      'Name:\tnode\nState:\tS (sleeping)\nVmPeak:\t 1234567 kB\nVmRSS:\t  204800 kB\nRssAnon:\t  150000 kB\n';
    expect(parseStatusRssBytes(status)).toBe(204800 * 1024);
  });

  it('is NaN for a zombie (no VmRSS line)', () => {
    expect(parseStatusRssBytes('Name:\tnode\nState:\tZ (zombie)\n')).toBeNaN();
  });
});

describe('parseMachineCpu', () => {
  it('busy = total − idle − iowait over the first line', () => {
    const stat = 'cpu  100 5 50 800 40 3 2 0 0 0\ncpu0 50 2 25 400 20 1 1 0 0 0\nintr 1\n';
    expect(parseMachineCpu(stat)).toEqual({ busy: 160, total: 1000 });
  });

  it('refuses another file', () => {
    expect(() => parseMachineCpu('MemTotal: 1 kB')).toThrow();
  });
});

describe('CPU arithmetic', () => {
  const a = { t: 0, cpuTicks: 1000, rssBytes: 0 };
  it.each([
    [{ t: 1000, cpuTicks: 1100, rssBytes: 0 }, 100, 1000],
    [{ t: 2000, cpuTicks: 1100, rssBytes: 0 }, 100, 500],
    [{ t: 10_000, cpuTicks: 1250, rssBytes: 0 }, 100, 250],
    [{ t: 1000, cpuTicks: 1200, rssBytes: 0 }, 100, 2000],
  ])('millicores to %j at %d ticks/s = %d', (b, hz, expected) => {
    expect(millicores(a, b, hz)).toBeCloseTo(expected, 9);
  });

  it('is NaN over an empty interval', () => {
    expect(millicores(a, a, 100)).toBeNaN();
  });

  it.each([
    [500, 10_000, 50, 50],
    [1000, 20_000, 50, 50],
    [250, 1000, 250, 250],
  ])('%d mcores at %d readings/s = %d per 1k/s, %d µs per reading', (mc, rate, per1k, us) => {
    expect(millicoresPer1k(mc, rate)).toBeCloseTo(per1k, 9);
    expect(cpuMicrosPerReading(mc, rate)).toBeCloseTo(us, 9);
  });

  it('is NaN without load', () => {
    expect(millicoresPer1k(100, 0)).toBeNaN();
    expect(cpuMicrosPerReading(100, 0)).toBeNaN();
  });
});
