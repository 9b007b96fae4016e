import { jest } from '@jest/globals';
import { StoreHealth, probeDelay } from './store-health.js';

describe('probeDelay', () => {
  it.each([
    [0, 1000],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 5000],
    [50, 5000],
  ])('after %i failures waits %i ms', (failures, ms) => {
    expect(probeDelay(failures, 1000, 5000)).toBe(ms);
  });
});

describe('StoreHealth', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function harness(answers: boolean[]) {
    const events: string[] = [];
    let pings = 0;
    const health = new StoreHealth({
      ping: async () => {
        pings++;
        events.push(`ping@${Date.now()}`);
        return answers.shift() ?? true;
      },
      minMs: 1000,
      maxMs: 5000,
      onUp: () => events.push(`up@${Date.now()}`),
      onDown: (reason) => events.push(`down:${reason}`),
    });
    return { health, events, pings: () => pings };
  }

  it('probes with backoff, one probe at a time, until the store answers', async () => {
    jest.setSystemTime(0);
    const { health, events, pings } = harness([false, false, true]);
    health.failed('ECONNREFUSED');
    health.failed('ECONNREFUSED'); // a second in-flight batch failing in the same outage
    expect(health.available).toBe(false);
    await jest.advanceTimersByTimeAsync(999);
    expect(pings()).toBe(0);
    await jest.advanceTimersByTimeAsync(1 + 2000 + 4000);
    expect(events).toEqual(['down:ECONNREFUSED', 'ping@1000', 'ping@3000', 'ping@7000', 'up@7000']);
    expect(health.available).toBe(true);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(pings()).toBe(3);
  });

  it('keeps backing off when the store answers pings but writes keep failing', async () => {
    jest.setSystemTime(0);
    const { health, events } = harness([true, true]);
    health.failed('HTTP 404');
    await jest.advanceTimersByTimeAsync(1000);
    health.failed('HTTP 404'); // the replay after the probe failed again: no succeeded() in between
    await jest.advanceTimersByTimeAsync(2000);
    expect(events).toEqual([
      'down:HTTP 404',
      'ping@1000',
      'up@1000',
      'down:HTTP 404',
      'ping@3000',
      'up@3000',
    ]);
  });

  it('stops probing once stopped', async () => {
    const { health, pings } = harness([false]);
    health.failed('down');
    health.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(pings()).toBe(0);
  });
});
