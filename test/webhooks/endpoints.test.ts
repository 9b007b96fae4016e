import { Webhook } from 'standardwebhooks';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { startTestReceiver, type TestReceiver } from '../support/webhook-receiver.js';
import { expectOk, registerEndpoint, startWebhookWorld, tokenFor, type WebhookWorld } from './harness.js';

let w: WebhookWorld;
let receiver: TestReceiver;
let gasToken: string;
let waterToken: string;

beforeAll(async () => {
  w = await startWebhookWorld();
  receiver = await startTestReceiver();
  gasToken = await tokenFor(w.app, 'utility', 'gas-co');
  waterToken = await tokenFor(w.app, 'utility', 'water-co');
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await receiver?.close();
  await w?.close();
}, BOOT_TIMEOUT_MS);

const headersOf = (d: {
  webhookId: string;
  timestamp: number;
  signature: string;
}): Record<string, string> => ({
  'webhook-id': d.webhookId,
  'webhook-timestamp': String(d.timestamp),
  'webhook-signature': d.signature,
});

describe('webhook endpoints API (CONTRACT.md §3)', () => {
  it('registers an endpoint and shows its whsec_ secret once; the secret is encrypted at rest', async () => {
    const res = await w.app.api('POST', '/api/v1/webhook-endpoints', {
      body: {
        url: receiver.url,
        ownerUnitId: 'gas-co',
        eventTypes: ['alarm.*'],
        levels: ['major'],
        description: 'dispatch',
      },
    });
    expectOk(res, 201);
    expect(res.body).toMatchObject({
      url: receiver.url,
      ownerUnitId: 'gas-co',
      eventTypes: ['alarm.*'],
      levels: ['major'],
      domains: [],
      enabled: true,
    });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const shown = await w.app.api('GET', `/api/v1/webhook-endpoints/${res.body.id}`);
    expect(shown.body.secret).toBeUndefined();
    expect(JSON.stringify((await w.app.api('GET', '/api/v1/webhook-endpoints')).body)).not.toContain(
      res.body.secret,
    );
    const row = await w.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    const raw = (res.body.secret as string).slice('whsec_'.length);
    expect(row.secret_enc).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(row.secret_enc).not.toContain(raw);
    expect(row.secret_enc).not.toContain(Buffer.from(raw, 'base64').toString('hex'));
  });

  it('validates the body: event types from the contract, known owner unit, http(s) URLs', async () => {
    const post = (body: Record<string, unknown>) => w.app.api('POST', '/api/v1/webhook-endpoints', { body });
    const typo = await post({ url: receiver.url, ownerUnitId: 'gas-co', eventTypes: ['alarm.rasied'] });
    expect(typo.status).toBe(400);
    expect(typo.body.errors[0].field).toBe('eventTypes');
    expect((await post({ url: receiver.url, ownerUnitId: 'gas-co', eventTypes: [] })).status).toBe(400);
    const unit = await post({ url: receiver.url, ownerUnitId: 'nobody', eventTypes: ['*'] });
    expect(unit.status).toBe(422);
    expect(unit.body.code).toBe('WEBHOOK_ENDPOINT_INVALID');
    const ftp = await post({ url: 'ftp://127.0.0.1/x', ownerUnitId: 'gas-co', eventTypes: ['*'] });
    expect(ftp).toMatchObject({ status: 422, body: { code: 'WEBHOOK_URL_REFUSED' } });
  });

  it('never echoes credentials given in the URL, and sends them as HTTP Basic', async () => {
    const withCreds = receiver.url.replace('http://', 'http://hook-user:s3cr3t@');
    const { id, secret } = await registerEndpoint(w.app, withCreds);
    receiver.setSecrets([secret]);
    expectOk(await w.app.api('POST', `/api/v1/webhook-endpoints/${id}/test`), 200);
    const sent = receiver.received[receiver.received.length - 1];
    expect(sent.authorization).toBe(`Basic ${Buffer.from('hook-user:s3cr3t').toString('base64')}`);
    const view = (await w.app.api('GET', `/api/v1/webhook-endpoints/${id}`)).body;
    expect(view).toMatchObject({ url: receiver.url, hasCredentials: true });
    expect(JSON.stringify(view)).not.toContain('s3cr3t');
    const row = await w.db
      .selectFrom('webhook_endpoints')
      .select(['url', 'url_credentials_enc'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.url).toBe(receiver.url);
    expect(row.url_credentials_enc).not.toContain('s3cr3t');
  });

  it('updates filters and deletes, with an audit trail', async () => {
    const { id } = await registerEndpoint(w.app, receiver.url);
    const patched = await w.app.api('PATCH', `/api/v1/webhook-endpoints/${id}`, {
      body: { eventTypes: ['device.offline'], domains: ['gas'], description: null, enabled: false },
    });
    expectOk(patched, 200);
    expect(patched.body).toMatchObject({
      eventTypes: ['device.offline'],
      domains: ['gas'],
      enabled: false,
      description: null,
    });
    expect(patched.body.disabledReason).toMatch(/^disabled by token:/);
    expectOk(await w.app.api('DELETE', `/api/v1/webhook-endpoints/${id}`), 204);
    expect((await w.app.api('GET', `/api/v1/webhook-endpoints/${id}`)).status).toBe(404);
    const audit = await w.app.api('GET', `/api/v1/audit?targetId=${id}`);
    expect((audit.body.items as { action: string }[]).map((a) => a.action).sort()).toEqual([
      'webhook_endpoint.create',
      'webhook_endpoint.delete',
      'webhook_endpoint.update',
    ]);
  });

  it('test send: a signed webhook.test now, its result, and an entry in the delivery log', async () => {
    const { id, secret } = await registerEndpoint(w.app, receiver.url);
    receiver.setSecrets([secret]);
    const before = receiver.received.length;
    const res = await w.app.api('POST', `/api/v1/webhook-endpoints/${id}/test`);
    expectOk(res, 200);
    expect(res.body).toMatchObject({
      succeeded: true,
      outcome: 'success',
      statusCode: 204,
      remoteAddress: '127.0.0.1',
    });
    const got = receiver.received[before];
    expect(got.webhookId).toBe(res.body.webhookId);
    expect(got.event).toMatchObject({
      type: 'webhook.test',
      data: { endpointId: id, ownerUnitId: 'gas-co' },
    });
    const log = await w.app.api('GET', `/api/v1/webhook-deliveries/${res.body.deliveryId}`);
    expect(log.body).toMatchObject({
      kind: 'test',
      status: 'succeeded',
      webhookId: got.webhookId,
      attempts: 1,
    });
    receiver.script({ status: 503, body: 'maintenance' });
    const failed = await w.app.api('POST', `/api/v1/webhook-endpoints/${id}/test`);
    expect(failed.body).toMatchObject({
      succeeded: false,
      outcome: 'throttled',
      statusCode: 503,
      responseSnippet: 'maintenance',
    });
  });

  it('rotates the secret: both signatures are sent during the overlap and each verifies on its own', async () => {
    const { id, secret: oldSecret } = await registerEndpoint(w.app, receiver.url);
    const rotated = await w.app.api('POST', `/api/v1/webhook-endpoints/${id}/rotate-secret`, { body: {} });
    expectOk(rotated, 200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt as string) - Date.now()).toBeGreaterThan(
      23 * 3_600_000,
    );
    receiver.setSecrets([newSecret]);
    const before = receiver.received.length;
    expectOk(await w.app.api('POST', `/api/v1/webhook-endpoints/${id}/test`), 200);
    const got = receiver.received[before];
    expect(got.signature.split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(got.body, headersOf(got))).not.toThrow();
    expect(() => new Webhook(newSecret).verify(got.body, headersOf(got))).not.toThrow();
    // An overlap of 0 retires the old secret at once: one signature, the newest.
    const again = await w.app.api('POST', `/api/v1/webhook-endpoints/${id}/rotate-secret`, {
      body: { overlapSeconds: 0 },
    });
    receiver.setSecrets([again.body.secret as string]);
    expectOk(await w.app.api('POST', `/api/v1/webhook-endpoints/${id}/test`), 200);
    const last = receiver.received[receiver.received.length - 1];
    expect(last.signature.split(' ')).toHaveLength(1);
    expect(() => new Webhook(newSecret).verify(last.body, headersOf(last))).toThrow();
  });
});

describe('utility scoping', () => {
  it('a utility token registers for its own unit, sees and manages only its own endpoints (404 for others)', async () => {
    const own = await w.app.api('POST', '/api/v1/webhook-endpoints', {
      token: gasToken,
      body: { url: receiver.url, eventTypes: ['*'] },
    });
    expectOk(own, 201);
    expect(own.body.ownerUnitId).toBe('gas-co');
    const foreign = await registerEndpoint(w.app, receiver.url, { ownerUnitId: 'water-co' });
    const other = await w.app.api('POST', '/api/v1/webhook-endpoints', {
      token: gasToken,
      body: { url: receiver.url, ownerUnitId: 'water-co', eventTypes: ['*'] },
    });
    expect(other.status).toBe(422);
    const listed = (await w.app.api('GET', '/api/v1/webhook-endpoints', { token: gasToken })).body as {
      ownerUnitId: string;
    }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((e) => e.ownerUnitId === 'gas-co')).toBe(true);
    for (const [method, path] of [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['POST', '/rotate-secret'],
      ['POST', '/test'],
      ['POST', '/replay'],
    ] as const) {
      const res = await w.app.api(method, `/api/v1/webhook-endpoints/${foreign.id}${path}`, {
        token: gasToken,
        body:
          method === 'GET' || method === 'DELETE'
            ? undefined
            : path === '/replay'
              ? { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }
              : {},
      });
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
    expect(
      (await w.app.api('GET', `/api/v1/webhook-endpoints/${foreign.id}`, { token: waterToken })).status,
    ).toBe(200);
  });

  it('read-only roles read, cannot write', async () => {
    const auditor = await tokenFor(w.app, 'auditor');
    expect((await w.app.api('GET', '/api/v1/webhook-endpoints', { token: auditor })).status).toBe(200);
    const res = await w.app.api('POST', '/api/v1/webhook-endpoints', {
      token: auditor,
      body: { url: receiver.url, ownerUnitId: 'gas-co', eventTypes: ['*'] },
    });
    expect(res.status).toBe(403);
  });

  it('documents every webhook route in the OpenAPI document', async () => {
    const doc = await w.app.api('GET', '/api/docs-json', { token: null });
    expect(Object.keys(doc.body.paths as object)).toEqual(
      expect.arrayContaining([
        '/api/v1/webhook-endpoints',
        '/api/v1/webhook-endpoints/{id}',
        '/api/v1/webhook-endpoints/{id}/rotate-secret',
        '/api/v1/webhook-endpoints/{id}/test',
        '/api/v1/webhook-endpoints/{id}/replay',
        '/api/v1/webhook-deliveries',
        '/api/v1/webhook-deliveries/{id}',
        '/api/v1/webhook-deliveries/{id}/replay',
      ]),
    );
  });

  it('malformed ids are 404, not 500', async () => {
    expect((await w.app.api('GET', '/api/v1/webhook-endpoints/not-a-uuid')).status).toBe(404);
    expect((await w.app.api('GET', '/api/v1/webhook-deliveries/abc')).status).toBe(404);
  });
});
