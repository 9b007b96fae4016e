import { RuleSets } from '../../apps/server/src/alarms/engine/rule-sets.js';
import { expectStatus, tokenFor } from '../api/fixtures.js';
import { eventually } from '../ingest/harness.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { alarmRows, gasPoint, ramp, startAlarms, type AlarmHarness } from './harness.js';

let h: AlarmHarness;

beforeAll(async () => {
  h = await startAlarms();
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await h?.close();
}, BOOT_TIMEOUT_MS);

const path = (scope: string, id: string, rule = 'gas.ch4_lel') =>
  `/api/v1/rules/overrides/${scope}/${id}/${rule}`;
const lowerYellow = (value: number) => ({
  conditions: {
    ladder: {
      steps: [
        { level: 'general', value },
        { level: 'larger', value: 25 },
        { level: 'major', value: 50 },
      ],
    },
  },
});

describe('alarm rules and overrides API', () => {
  it('lists the DOMAIN.md defaults with their sources', async () => {
    const res = await h.t.api('GET', '/api/v1/rules');
    expectStatus(res, 200);
    expect(res.body.version).toMatch(/^alarm-rules\//);
    const ch4 = (res.body.rules as { id: string }[]).find((r) => r.id === 'gas.ch4_lel');
    expect(ch4).toMatchObject({
      metric: 'ch4_lel',
      assumption: true,
      source: expect.stringContaining('GB/T 50493'),
      overriddenBy: [],
    });
    const utility = await tokenFor(h.t, 'utility', 'gas-co');
    expect((await h.t.api('GET', '/api/v1/rules', { token: utility })).status).toBe(403);
  });

  it('refuses overrides the resolver would not accept, listing each problem', async () => {
    const ids = await gasPoint(h.t, 'GAS-RULE-1');
    const cases: [string, unknown, number, string][] = [
      [path('asset', ids.assetId, 'gas.nope'), { deadband: 1 }, 404, 'RULE_NOT_FOUND'],
      [path('asset', 'NO-ASSET'), { deadband: 1 }, 422, 'RULE_OVERRIDE_INVALID'],
      [path('profile', 'NO-DEVICE'), { deadband: 1 }, 422, 'RULE_OVERRIDE_INVALID'],
      [
        path('asset', ids.assetId),
        { conditions: { nope: { enabled: false } } },
        422,
        'RULE_OVERRIDE_INVALID',
      ],
      [path('asset', ids.assetId), { deadband: -1, onDelay: { readings: 0 } }, 422, 'RULE_OVERRIDE_INVALID'],
      [
        path('asset', ids.assetId),
        { conditions: { ladder: { steps: [{ level: 'general', value: 'ten' }] } } },
        422,
        'RULE_OVERRIDE_INVALID',
      ],
      [
        path('asset', ids.assetId),
        {
          conditions: {
            ladder: {
              steps: [
                { level: 'general', value: 5 },
                { level: 'general', value: 9 },
              ],
            },
          },
        },
        422,
        'RULE_OVERRIDE_INVALID',
      ],
      [path('asset', ids.assetId), { typo: true }, 422, 'RULE_OVERRIDE_INVALID'],
      ['/api/v1/rules/overrides/region/x/gas.ch4_lel', { deadband: 1 }, 400, ''],
    ];
    for (const [url, override, status, code] of cases) {
      const res = await h.t.api('PUT', url, { body: { override, reason: 'test' } });
      expect([url, res.status]).toEqual([url, status]);
      if (code) expect(res.body.code).toBe(code);
    }
    const dup = await h.t.api('PUT', path('asset', ids.assetId), {
      body: {
        override: {
          conditions: {
            ladder: {
              steps: [
                { level: 'general', value: 5 },
                { level: 'general', value: 9 },
              ],
            },
          },
        },
        reason: 'x',
      },
    });
    expect(dup.body.errors).toEqual([
      { field: 'override', message: expect.stringContaining('ladder: a level appears twice') },
    ]);
    const shape = await h.t.api('PUT', path('asset', ids.assetId), {
      body: { override: { deadband: -1, onDelay: { readings: 0 } }, reason: 'x' },
    });
    expect((shape.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'override.deadband',
      'override.onDelay.readings',
    ]);
    expect(
      (await h.t.api('PUT', path('asset', ids.assetId), { body: { override: { deadband: 1 } } })).status,
    ).toBe(400);
  });

  it('stores versioned, audited overrides; the running engine applies a change at once', async () => {
    const ids = await gasPoint(h.t, 'GAS-RULE-2');
    await h.feed(ramp(ids, [8], {}, 120_000));
    expect(await alarmRows(h.t, ids.assetId)).toHaveLength(0);

    const put = await h.t.api('PUT', path('asset', ids.assetId), {
      body: { override: lowerYellow(7), reason: 'old cast-iron main: alarm earlier' },
    });
    expectStatus(put, 200);
    expect(put.body).toMatchObject({
      scope: 'asset',
      scopeId: ids.assetId,
      ruleId: 'gas.ch4_lel',
      version: 1,
    });
    const stale = await h.t.api('PUT', path('asset', ids.assetId), {
      body: { override: lowerYellow(6), reason: 'x', expectedVersion: 2 },
    });
    expect(stale.body).toMatchObject({ status: 409, code: 'RULE_OVERRIDE_CONFLICT' });
    const second = await h.t.api('PUT', path('asset', ids.assetId), {
      body: { override: lowerYellow(6), reason: 'even earlier', expectedVersion: 1 },
    });
    expect(second.body).toMatchObject({ version: 2 });

    const effective = await h.t.api('GET', `/api/v1/rules?deviceId=${ids.deviceId}`);
    const ch4 = (
      effective.body.rules as { id: string; overriddenBy: string[]; conditions: { steps: unknown[] }[] }[]
    ).find((r) => r.id === 'gas.ch4_lel')!;
    expect(ch4.overriddenBy).toEqual(['asset']);
    expect(ch4.conditions[0].steps[0]).toEqual({ level: 'general', value: 6 });
    expect(effective.body.version).toMatch(/\+a\./);

    // The engine re-resolves once `rule_overrides_changed` reaches it.
    const sets = h.app.get(RuleSets);
    const asset = {
      id: ids.assetId,
      domain: 'gas' as const,
      district: '',
      ownerUnitId: 'gas-co',
      parentId: null,
      ancestorIds: [],
      attributes: {},
    };
    await eventually(
      async () => {
        await sets.ensure([{ deviceId: ids.deviceId, assetId: ids.assetId }]);
        return sets.rulesFor(ids.deviceId, asset).version;
      },
      (v) => v === effective.body.version,
      'the engine to see the override',
    );
    await h.feed(ramp(ids, [6.5], {}, 60_000));
    const [alarm] = await alarmRows(h.t, ids.assetId);
    expect(alarm).toMatchObject({ level: 'general', threshold: 6, rule_version: effective.body.version });

    const audit = await h.t.api(
      'GET',
      `/api/v1/audit?targetType=rule_override&targetId=asset/${ids.assetId}/gas.ch4_lel`,
    );
    expect(
      (audit.body.items as { action: string; reason: string }[]).map((a) => [a.action, a.reason]),
    ).toEqual([
      ['rule_override.put', 'even earlier'],
      ['rule_override.put', 'old cast-iron main: alarm earlier'],
    ]);
    expect(audit.body.items[0].detail).toMatchObject({
      version: 2,
      before: lowerYellow(7),
      after: lowerYellow(6),
    });

    expect((await h.t.api('DELETE', path('asset', ids.assetId))).status).toBe(400);
    expect(
      (await h.t.api('DELETE', `${path('asset', ids.assetId)}?reason=back%20to%20defaults`)).status,
    ).toBe(204);
    expect((await h.t.api('GET', path('asset', ids.assetId))).body).toMatchObject({
      status: 404,
      code: 'RULE_OVERRIDE_NOT_FOUND',
    });
  });

  it('lets only operators and admins change thresholds', async () => {
    const ids = await gasPoint(h.t, 'GAS-RULE-3');
    const monitor = await tokenFor(h.t, 'monitor');
    const operator = await tokenFor(h.t, 'operator');
    const body = { override: { onDelay: { readings: 2 } }, reason: 'two readings' };
    expect((await h.t.api('PUT', path('profile', ids.deviceId), { token: monitor, body })).status).toBe(403);
    expectStatus(await h.t.api('PUT', path('profile', ids.deviceId), { token: operator, body }), 200);
    const listed = await h.t.api('GET', '/api/v1/rules/overrides', { token: monitor });
    expect(
      (listed.body as { scope: string; scopeId: string }[]).some(
        (o: { scope: string; scopeId: string }) => o.scope === 'profile' && o.scopeId === ids.deviceId,
      ),
    ).toBe(true);
  });
});
