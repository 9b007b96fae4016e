import { findScenario } from '../scenarios/index.js';
import { DueQueue, SimClock, activeIntervalMs, baseIntervalMs, firstReportDelayMs } from './schedule.js';

describe('run schedule', () => {
  it('pops items in due order, and only once due', () => {
    const q = new DueQueue<string>();
    for (const [due, item] of [
      [50, 'c'],
      [10, 'a'],
      [30, 'b'],
      [10, 'a2'],
      [90, 'd'],
    ] as const)
      q.push(due, item);
    expect(q.popDue(5)).toBeUndefined();
    const out: string[] = [];
    for (let x = q.popDue(60); x; x = q.popDue(60)) out.push(x);
    expect(out.slice(0, 2).sort()).toEqual(['a', 'a2']);
    expect(out.slice(2)).toEqual(['b', 'c']);
    expect(q.size).toBe(1);
  });

  it('uses the DOMAIN.md interval divided by --speedup, or --interval-s, or the --rate share', () => {
    const d = { reportIntervalS: 900 };
    expect(baseIntervalMs(d, { speedup: 1 }, 10)).toBe(900_000);
    expect(baseIntervalMs(d, { speedup: 60 }, 10)).toBe(15_000);
    expect(baseIntervalMs(d, { speedup: 1, intervalS: 5 }, 10)).toBe(5_000);
    expect(baseIntervalMs(d, { speedup: 1, intervalS: 5, rate: 100 }, 10_000)).toBe(100_000);
  });

  it('reports at the alarm rate while a scenario reaches a device, but never beyond --rate', () => {
    const leak = findScenario('gas-leak')!;
    expect(activeIntervalMs(900_000, leak, { speedup: 1 })).toBe(60_000);
    expect(activeIntervalMs(900_000, leak, { speedup: 10 })).toBe(6_000);
    expect(activeIntervalMs(2_000, leak, { speedup: 1, intervalS: 2 })).toBe(2_000);
    expect(activeIntervalMs(90_000, leak, { speedup: 1, rate: 10 })).toBe(90_000);
    expect(activeIntervalMs(90_000, findScenario('stuck')!, { speedup: 1 })).toBe(90_000);
  });

  it('spreads first reports over at most 10 s', () => {
    for (let key = 0; key < 1000; key += 37) {
      const delay = firstReportDelayMs({ key }, 900_000);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(10_000);
    }
  });

  it('runs simulated time --speedup times faster from the start', () => {
    const clock = new SimClock(1_000_000, 60);
    expect(clock.at(1_000_000)).toBe(1_000_000);
    expect(clock.at(1_001_000)).toBe(1_060_000);
  });
});
