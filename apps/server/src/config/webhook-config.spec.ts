import { STANDARD_WEBHOOKS_SCHEDULE_MS } from '#domain';
import { loadConfig } from './load-config.js';

describe('WEBHOOK_* configuration', () => {
  it('defaults: the Standard Webhooks schedule, 15 s timeout, 24 h overlap, strict targets, a dev key', () => {
    const { webhooks } = loadConfig({});
    expect(webhooks).toMatchObject({
      secretKeyIsDevDefault: true,
      targets: { allowLoopback: false, allowPrivate: false, allowHttp: false },
      retrySchedule: STANDARD_WEBHOOKS_SCHEDULE_MS,
      retryJitter: 0.1,
      timeoutMs: 15_000,
      secretOverlapMs: 86_400_000,
      concurrency: 16,
      endpointConcurrency: 4,
      pollMs: 1000,
    });
    expect(webhooks.secretKey).toHaveLength(32);
  });

  it('reads every variable', () => {
    const key = Buffer.alloc(32, 7);
    const { webhooks } = loadConfig({
      WEBHOOK_SECRET_KEY: key.toString('base64'),
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_ALLOW_PRIVATE: '1',
      WEBHOOK_ALLOW_HTTP: 'no',
      WEBHOOK_RETRY_SCHEDULE: '0, 200ms, 1s',
      WEBHOOK_RETRY_JITTER: '0',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_SECRET_OVERLAP: '1h',
      WEBHOOK_CONCURRENCY: '8',
      WEBHOOK_ENDPOINT_CONCURRENCY: '2',
      WEBHOOK_POLL_MS: '250',
    });
    expect(webhooks).toEqual({
      secretKey: key,
      secretKeyIsDevDefault: false,
      targets: { allowLoopback: true, allowPrivate: true, allowHttp: false },
      retrySchedule: [0, 200, 1000],
      retryJitter: 0,
      timeoutMs: 2000,
      secretOverlapMs: 3_600_000,
      concurrency: 8,
      endpointConcurrency: 2,
      pollMs: 250,
    });
    expect(loadConfig({ WEBHOOK_SECRET_KEY: key.toString('hex') }).webhooks.secretKey).toEqual(key);
  });

  it.each([
    ['WEBHOOK_RETRY_SCHEDULE', '0,5,5m'],
    ['WEBHOOK_RETRY_SCHEDULE', ''.padEnd(3, ',')],
    ['WEBHOOK_SECRET_OVERLAP', 'a day'],
    ['WEBHOOK_TIMEOUT_MS', '10'],
    ['WEBHOOK_ALLOW_LOOPBACK', 'maybe'],
    ['WEBHOOK_SECRET_KEY', 'too-short'],
  ])('refuses %s=%j, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('never prints the key', () => {
    expect(() => loadConfig({ WEBHOOK_SECRET_KEY: 'not-a-key-at-all' })).toThrow(
      /WEBHOOK_SECRET_KEY=\(hidden\)/,
    );
  });
});
