import { localHour, rainMmH, trafficIntensity, waterDemand } from './environment.js';

const local = (month: number, day: number, hour: number, minute = 0): number =>
  Date.UTC(2026, month - 1, day, hour - 8, minute);

describe('city-wide processes', () => {
  it('runs on China Standard Time (UTC+8)', () => {
    expect(localHour(Date.UTC(2026, 0, 1, 0))).toBe(8);
    expect(localHour(Date.UTC(2026, 0, 1, 20))).toBe(4);
  });

  it('has household demand lowest before dawn and peaking morning and evening', () => {
    expect(waterDemand(local(6, 1, 3))).toBeLessThan(0.1);
    expect(waterDemand(local(6, 1, 7, 30))).toBeGreaterThan(0.8);
    expect(waterDemand(local(6, 1, 19, 30))).toBeGreaterThan(0.8);
    expect(waterDemand(local(6, 1, 14))).toBeLessThan(waterDemand(local(6, 1, 7, 30)));
  });

  it('has traffic peaks at 08:00 and 18:00', () => {
    expect(trafficIntensity(local(6, 1, 8))).toBeGreaterThan(0.9);
    expect(trafficIntensity(local(6, 1, 18))).toBeGreaterThan(0.9);
    expect(trafficIntensity(local(6, 1, 3))).toBeLessThan(0.15);
  });

  it('rains a plausible Ordos year: a few hundred mm, most of it in July–August, deterministic per seed', () => {
    const stepH = 0.25;
    let year = 0;
    let summer = 0;
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += stepH * 3_600_000) {
      const mm = rainMmH(t, 7) * stepH;
      year += mm;
      const month = new Date(t).getUTCMonth() + 1;
      if (month === 7 || month === 8) summer += mm;
    }
    expect(year).toBeGreaterThan(150);
    expect(year).toBeLessThan(700);
    expect(summer / year).toBeGreaterThan(0.4);
    expect(rainMmH(local(7, 20, 12), 7)).toBe(rainMmH(local(7, 20, 12), 7));
  });
});
