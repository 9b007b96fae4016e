import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';
import { startTestReceiver, type TestReceiver } from '../support/webhook-receiver.js';
import {
  alarmEvent,
  bootWebhookApp,
  deliveriesOf,
  emit,
  eventually,
  expectOk,
  registerEndpoint,
  type WebhookApp,
} from './harness.js';

/** SSRF: with the default policy no loopback, private, link-local, multicast or unspecified target. */
let database: TestDatabase;
let strict: WebhookApp;
let receiver: TestReceiver;
const STRICT = { WEBHOOK_ALLOW_LOOPBACK: 'false' };

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startTestReceiver();
  strict = await bootWebhookApp(database, STRICT);
  expectOk(
    await strict.api('POST', '/api/v1/owner-units', {
      body: { id: 'gas-co', name: 'gas', domains: ['gas'] },
    }),
    201,
  );
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await strict?.close();
  await receiver?.close();
  await database?.drop();
}, BOOT_TIMEOUT_MS);

const register = (url: string) =>
  strict.api('POST', '/api/v1/webhook-endpoints', {
    body: { url, ownerUnitId: 'gas-co', eventTypes: ['*'] },
  });

describe('SSRF policy at registration', () => {
  const port = (): string => new URL(receiver.url).port;
  it.each([
    ['loopback IPv4', () => `http://127.0.0.1:${port()}/hooks`],
    ['a name resolving to loopback', () => `http://localhost:${port()}/hooks`],
    ['loopback IPv6', () => `http://[::1]:${port()}/hooks`],
    ['IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${port()}/hooks`],
    ['loopback in decimal', () => `http://2130706433:${port()}/hooks`],
    ['private 10/8', () => 'https://10.1.2.3/hooks'],
    ['private 192.168/16', () => 'https://192.168.1.10/hooks'],
    ['cloud metadata (link-local)', () => 'http://169.254.169.254/latest/meta-data/'],
    ['unspecified', () => 'http://0.0.0.0/'],
    ['IPv6 link-local', () => 'https://[fe80::1]/'],
    ['multicast', () => 'https://224.0.0.1/'],
    ['plain http to a public address', () => 'http://93.184.216.34/hooks'],
  ])('refuses %s', async (_name, url) => {
    const res = await register(url());
    expect(res).toMatchObject({ status: 422, body: { code: 'WEBHOOK_URL_REFUSED' } });
    expect(res.body.errors[0].field).toBe('url');
  });

  it('accepts https to a public address', async () => {
    expectOk(await register('https://93.184.216.34/hooks'), 201);
  });
});

describe('SSRF policy at send time', () => {
  it('refuses to deliver to an address the policy no longer allows', async () => {
    // Registered while loopback was allowed (the demo), then the service restarts with the strict policy.
    const lax = await bootWebhookApp(database, { WEBHOOK_ALLOW_LOOPBACK: 'true', LIFELINE_ROLES: 'api' });
    const { id, secret } = await registerEndpoint(lax, receiver.url);
    await lax.close();
    receiver.setSecrets([secret]);
    await emit(database.db, [alarmEvent()]);
    await eventually(async () => (await deliveriesOf(database.db, id))[0]?.attempts >= 1, 'an attempt');
    const log = await strict.api('GET', `/api/v1/webhook-deliveries?endpointId=${id}`);
    const [attempt] = log.body.items[0].attemptLog;
    expect(attempt).toMatchObject({ statusCode: null, outcome: 'failure', remoteAddress: null });
    expect(attempt.error).toMatch(/127\.0\.0\.1, a loopback address/);
    expect(receiver.received).toHaveLength(0);
  });
});
