import { EventsService } from '../../apps/server/src/events/events.service.js';
import { expectStatus, tokenFor } from '../api/fixtures.js';
import { eventually, metricValue } from '../ingest/harness.js';
import { BOOT_TIMEOUT_MS, startTestApp } from '../support/app.js';
import { gasPoint, ramp, startAlarms, type AlarmHarness } from './harness.js';
import { openStream } from './sse-reader.js';

let h: AlarmHarness;

beforeAll(async () => {
  h = await startAlarms();
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await h?.close();
}, BOOT_TIMEOUT_MS);

const ids = (messages: { id: string }[]): number[] => messages.map((m) => Number(m.id));
const increasing = (list: number[]): boolean => list.every((v, i) => i === 0 || v > list[i - 1]);

describe('GET /api/v1/events (Server-Sent Events)', () => {
  it('streams alarm events live, with increasing ids, event names and PlatformEvent data', async () => {
    const stream = await openStream(h.t.baseUrl, { token: h.t.adminToken });
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');
    const point = await gasPoint(h.t, 'GAS-SSE-1');
    await h.feed(ramp(point, [2, 12, 30, 60], { c2h6_present: 1 }));

    const got = await stream.waitFor(
      3,
      (m) => m.data.data?.assetId === point.assetId && m.event.startsWith('alarm.'),
    );
    expect(got.map((m) => m.event)).toEqual(['alarm.raised', 'alarm.escalated', 'alarm.dispatched']);
    expect(increasing(ids(got))).toBe(true);
    expect(got[1].data).toMatchObject({
      type: 'alarm.escalated',
      timestamp: expect.any(String),
      data: { assetId: point.assetId, level: 'major', sequence: 2 },
    });
    const stored = await h.t.db
      .selectFrom('platform_events')
      .select('id')
      .where('type', '=', 'alarm.escalated')
      .where('asset_id', '=', point.assetId)
      .executeTakeFirstOrThrow();
    expect(got[1].id).toBe(String(stored.id));
    stream.close();
  });

  it('resumes with Last-Event-ID: exactly the missed events, then live', async () => {
    const first = await openStream(h.t.baseUrl, { token: h.t.adminToken });
    const a = await gasPoint(h.t, 'GAS-SSE-2');
    await h.feed(ramp(a, [12]));
    const [seen] = await first.waitFor(1, (m) => m.data.data?.assetId === a.assetId);
    first.close();

    const b = await gasPoint(h.t, 'GAS-SSE-3');
    await h.feed(ramp(b, [12, 30]));
    const missed = await h.t.db
      .selectFrom('platform_events')
      .select(['id', 'type'])
      .where('id', '>', seen.id)
      .orderBy('id')
      .execute();
    expect(missed.length).toBeGreaterThanOrEqual(2);

    const again = await openStream(h.t.baseUrl, { token: h.t.adminToken, lastEventId: seen.id });
    const replayed = await again.waitFor(missed.length);
    expect(ids(replayed)).toEqual(missed.map((m) => Number(m.id)));
    await h.feed(ramp(b, [60]));
    const live = await again.waitFor(missed.length + 1);
    expect(increasing(ids(live))).toBe(true);
    expect(new Set(ids(live)).size).toBe(live.length);
    again.close();
  });

  it('delivers a burst of concurrent writers with no gap and no duplicate', async () => {
    const stream = await openStream(h.t.baseUrl, { token: h.t.adminToken });
    const events = h.t.app.get(EventsService);
    const before = Number(await events.latestId());
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        h.t.db.transaction().execute(async (trx) => {
          await events.append(trx, [{ type: 'device.online', data: { burst: i } }]);
          // Commit late and in a shuffled order: ids drawn first must still be delivered first.
          await new Promise((resolve) => setTimeout(resolve, (i * 7) % 13));
        }),
      ),
    );
    const rows = await h.t.db
      .selectFrom('platform_events')
      .select('id')
      .where('id', '>', String(before))
      .orderBy('id')
      .execute();
    const got = await stream.waitFor(rows.length, (m) => Number(m.id) > before);
    expect(ids(got)).toEqual(rows.map((r) => Number(r.id)));
    stream.close();
  });

  it('filters for a utility: its own unit, without events held back by a maintenance window', async () => {
    const gas = await tokenFor(h.t, 'utility', 'gas-co');
    const water = await tokenFor(h.t, 'utility', 'water-co');
    const gasStream = await openStream(h.t.baseUrl, { query: `?access_token=${gas}` });
    const waterStream = await openStream(h.t.baseUrl, { token: water });
    const console_ = await openStream(h.t.baseUrl, { token: await tokenFor(h.t, 'monitor') });
    const p = await gasPoint(h.t, 'GAS-SSE-4');
    const window = await h.t.api('POST', '/api/v1/maintenance-windows', {
      body: {
        name: 'works',
        reason: 'test',
        scope: { kind: 'assets', assetIds: [p.assetId] },
        schedule: {
          kind: 'once',
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        },
      },
    });
    expectStatus(window, 201);
    await h.feed(ramp(p, [12]));
    const suppressed = await console_.waitFor(
      1,
      (m) => m.data.data?.assetId === p.assetId && m.event === 'alarm.raised',
    );
    expect(suppressed[0].data.data).toMatchObject({ suppressed: true });
    expectStatus(await h.t.api('DELETE', `/api/v1/maintenance-windows/${window.body.id}?reason=done`), 204);
    await h.jobs.tick();

    const released = await gasStream.waitFor(
      1,
      (m) => m.data.data?.assetId === p.assetId && m.event === 'alarm.raised',
    );
    expect(released[0].data.data).toMatchObject({ released: true, suppressed: false });
    expect(gasStream.messages.every((m) => m.data.data?.ownerUnitId === 'gas-co')).toBe(true);
    expect(gasStream.messages.some((m) => m.data.data?.suppressed === true)).toBe(false);
    expect(
      gasStream.messages.filter((m) => m.event === 'alarm.raised' && m.data.data?.assetId === p.assetId),
    ).toHaveLength(1);
    expect(waterStream.messages.filter((m) => m.data.data?.assetId === p.assetId)).toEqual([]);
    for (const s of [gasStream, waterStream, console_]) s.close();
  });

  it('refuses a stream without a token, counts connected clients', async () => {
    expect((await openStream(h.t.baseUrl)).status).toBe(401);
    expect((await openStream(h.t.baseUrl, { query: '?access_token=nope' })).status).toBe(401);
    expect((await openStream(h.t.baseUrl, { token: h.t.adminToken, lastEventId: 'x' })).status).toBe(400);
    const stream = await openStream(h.t.baseUrl, { token: h.t.adminToken });
    const clients = async () =>
      metricValue(await (await fetch(`${h.t.baseUrl}/metrics`)).text(), 'lifeline_sse_clients', {});
    await eventually(clients, (n) => n >= 1, 'the client to be counted');
    stream.close();
    await eventually(clients, (n) => n === 0, 'the client to be forgotten');
  });

  it(
    'ends open streams on shutdown so app.close() returns',
    async () => {
      const t = await startTestApp();
      const stream = await openStream(t.baseUrl, { token: t.adminToken });
      expect(stream.status).toBe(200);
      await t.close();
      await stream.ended;
    },
    BOOT_TIMEOUT_MS,
  );
});
