import { startApp } from '../../apps/server/src/app.factory.js';
import { loadConfig } from '../../apps/server/src/config/load-config.js';
import { DeadmanScheduler } from '../../apps/server/src/deadman/deadman.scheduler.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import {
  createOwnerUnits,
  eventsOf,
  gasMain,
  historyOf,
  ownerUnit,
  riskWhere,
  seen,
  startRisk,
  type GasMain,
  type RiskHarness,
} from './harness.js';

/**
 * The deadman (DOMAIN.md §a.7, PEERS.md §5.C 14) against real PostgreSQL: a detector silent for more
 * than 3 report intervals is announced offline once (also by a restarted process), its asset's level is
 * kept but marked unverified, and it is announced online when it reports again.
 */

const MIN = 60_000;

let h: RiskHarness;
let ids: GasMain;

beforeAll(async () => {
  h = await startRisk();
  await createOwnerUnits(h.t, ownerUnit('gas-co', ['gas']));
  ids = await gasMain(h.t, 'DM');
  await riskWhere(h.t, ids.mainId, (r) => r.verified && r.level === 'larger');
  await h.deadman.runOnce();
}, BOOT_TIMEOUT_MS);
afterAll(async () => h?.close(), BOOT_TIMEOUT_MS);

const offlineEvents = () => eventsOf(h.t, 'device.offline');
const onlineEvents = () => eventsOf(h.t, 'device.online');

describe('deadman', () => {
  it('announces a detector silent for more than 3 × 15 min offline, once', async () => {
    expect(await offlineEvents()).toHaveLength(0);
    await seen(h.t, ids.deviceId, Date.now() - 45 * MIN - 5_000);
    await h.deadman.runOnce();
    await h.deadman.runOnce();
    const events = await offlineEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ asset_id: ids.manholeId, owner_unit_id: 'gas-co', domain: 'gas' });
    expect(events[0].payload.data).toMatchObject({
      deviceId: ids.deviceId,
      assetId: ids.manholeId,
      ownerUnitId: 'gas-co',
      domain: 'gas',
      reason: 'silent',
    });
    expect(await h.t.db.selectFrom('device_status').selectAll().execute()).toMatchObject([
      { device_id: ids.deviceId, offline: true, reason: 'silent' },
    ]);
  });

  it('keeps the asset level but marks it unverified, with a history row and an event', async () => {
    const row = await riskWhere(h.t, ids.mainId, (r) => !r.verified, 'the main to turn unverified');
    expect(row).toMatchObject({ level: 'larger', verified: false });
    expect((row.explanation as { monitoring: { dataStatus: string } }).monitoring.dataStatus).toBe('stale');
    expect((await historyOf(h.t, ids.mainId)).at(-1)).toMatchObject({
      from_level: 'larger',
      to_level: 'larger',
      verified: false,
      reason: 'unverified',
    });
    const risk = (await eventsOf(h.t, 'risk.level_changed', ids.mainId)).at(-1);
    expect(risk?.payload.data).toMatchObject({ from: 'larger', to: 'larger', verified: false });
    const view = await h.t.api('GET', `/api/v1/assets/${ids.mainId}/risk`);
    expect(view.body).toMatchObject({ level: 'larger', verified: false });
    expect(view.body.reasons[0]).toContain('未核实');
  });

  it('does not announce it again after a restart (state is in PostgreSQL)', async () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      LIFELINE_ROLES: 'dispatcher',
      DATABASE_URL: h.t.databaseUrl,
    });
    const { app } = await startApp(config);
    try {
      await app.get(DeadmanScheduler, { strict: false }).runOnce();
    } finally {
      await app.close();
    }
    expect(await offlineEvents()).toHaveLength(1);
  });

  it('announces it online when it reports again, and the level is verified again', async () => {
    const before = (await onlineEvents()).length;
    await seen(h.t, ids.deviceId, Date.now());
    await h.deadman.runOnce();
    const events = await onlineEvents();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)?.payload.data).toMatchObject({ deviceId: ids.deviceId, reason: 'reporting' });
    await riskWhere(h.t, ids.mainId, (r) => r.verified, 'the main to be verified again');
    expect((await historyOf(h.t, ids.mainId)).at(-1)).toMatchObject({ reason: 'reverified', verified: true });
  });

  it('takes the broker’s Last Will (online = false) as offline even while the last report is fresh', async () => {
    await seen(h.t, ids.deviceId, Date.now(), false);
    await h.deadman.runOnce();
    expect((await offlineEvents()).at(-1)?.payload.data).toMatchObject({
      deviceId: ids.deviceId,
      reason: 'disconnected',
    });
    expect(await offlineEvents()).toHaveLength(2);
  });

  it('exposes offline devices and assets per level as metrics', async () => {
    const res = await h.t.api('GET', '/metrics', { token: null });
    expect(res.body).toMatch(/lifeline_devices_offline 1/);
    expect(res.body).toMatch(/lifeline_risk_assets\{level="larger",verified="(true|false)"\} \d+/);
    expect(res.body).toMatch(/lifeline_risk_reassessments_total\{trigger="boot"\}/);
  });
});
