import { randomUUID } from 'node:crypto';
import type { CensusAttributes, RiskLevel } from '#contracts';
import {
  apply,
  autoActions,
  noteCondition,
  raiseAlarm,
  TERMINAL_STATES,
  type Actor,
  type WorkflowAlarm,
  type WorkflowCommand,
  type WorkflowEvent,
} from '#domain';
import { DeadmanScheduler } from '../../apps/server/src/deadman/deadman.scheduler.js';
import { EventsService } from '../../apps/server/src/events/events.service.js';
import { Clock } from '../../apps/server/src/risk/clock.js';
import { RiskEvaluator } from '../../apps/server/src/risk/risk-evaluator.service.js';
import { createOwnerUnits, expectStatus, lineAsset, ownerUnit, pointAsset } from '../api/fixtures.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** The risk evaluator and the deadman (dispatcher role) with the API, on a fresh database. */
export interface RiskHarness {
  t: TestApp;
  /** The risk/deadman clock (apps/server/src/risk/clock.ts). */
  clock: Clock;
  evaluator: RiskEvaluator;
  deadman: DeadmanScheduler;
  /** Moves the risk/deadman clock to `at` (epoch ms). */
  setNow(at: number): void;
  close(): Promise<void>;
}

export async function startRisk(env: Record<string, string> = {}): Promise<RiskHarness> {
  const t = await startTestApp({ LIFELINE_ROLES: 'api,dispatcher', ...env });
  const clock = t.app.get(Clock, { strict: false });
  let now: number | null = null;
  // The one Clock instance of the process (risk evaluator, deadman, reports) now reads the test's time.
  clock.now = () => now ?? Date.now();
  return {
    t,
    clock,
    evaluator: t.app.get(RiskEvaluator, { strict: false }),
    deadman: t.app.get(DeadmanScheduler, { strict: false }),
    setNow: (at) => (now = at),
    close: () => t.close(),
  };
}

/** The census of the DOMAIN.md §b.3 worked example (a DN200 medium-A grey cast iron main, 1994, …). */
export const WORKED_EXAMPLE: CensusAttributes = {
  material: 'grey_cast_iron',
  install_year: 1994,
  diameter_mm: 200,
  pressure_class: 'medium_a',
  leak_repairs_5y: 2,
  adjacent_spaces: 7,
  adjacent_space_kinds: ['sewer', 'power'],
  crowded_places: ['school'],
};

export interface GasMain {
  mainId: string;
  manholeId: string;
  deviceId: string;
}

/**
 * The §b.3 main as the seeds build it: the main, a sewer manhole within 5 m hung under it, and a CH4
 * detector in the manhole (15-min reports, DOMAIN.md §a.1), last seen `seenAt`.
 */
export async function gasMain(
  t: TestApp,
  prefix: string,
  seenAt: number | null = Date.now(),
): Promise<GasMain> {
  const ids = { mainId: `${prefix}-MAIN`, manholeId: `${prefix}-MH`, deviceId: `${prefix}-DEV` };
  const main = lineAsset(ids.mainId, { name: `${prefix} 纬一路 DN200 中压A`, attributes: WORKED_EXAMPLE });
  expectStatus(await t.api('POST', '/api/v1/assets', { body: main }), 201);
  const manhole = pointAsset(ids.manholeId, {
    parentId: ids.mainId,
    attributes: { adjacent_space_kinds: ['sewer'] },
  });
  expectStatus(await t.api('POST', '/api/v1/assets', { body: manhole }), 201);
  const device = {
    id: ids.deviceId,
    domain: 'gas',
    assetId: ids.manholeId,
    metrics: ['ch4_lel', 'c2h6_present'],
    reportIntervalS: 900,
  };
  expectStatus(await t.api('POST', '/api/v1/devices', { body: device }), 201);
  if (seenAt !== null) await seen(t, ids.deviceId, seenAt);
  return ids;
}

/** What the ingest records for a device that reports (last_seen_at) and is connected (online). */
export async function seen(t: TestApp, deviceId: string, at: number, online = true): Promise<void> {
  await t.db
    .updateTable('devices')
    .set({ last_seen_at: new Date(at), online })
    .where('id', '=', deviceId)
    .execute();
}

/** Polls `probe` until it returns a value (bounded: 10 s), failing with `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function riskRow(t: TestApp, assetId: string) {
  return t.db.selectFrom('asset_risk').selectAll().where('asset_id', '=', assetId).executeTakeFirst();
}

/** Waits until the asset's stored risk satisfies `ok`. */
export async function riskWhere(
  t: TestApp,
  assetId: string,
  ok: (row: NonNullable<Awaited<ReturnType<typeof riskRow>>>) => boolean,
  what = `risk of ${assetId}`,
) {
  return waitFor(what, async () => {
    const row = await riskRow(t, assetId);
    return row && ok(row) ? row : null;
  });
}

export async function historyOf(t: TestApp, assetId: string) {
  return t.db.selectFrom('risk_history').selectAll().where('asset_id', '=', assetId).orderBy('id').execute();
}

export async function eventsOf(t: TestApp, type: string, assetId?: string) {
  let q = t.db.selectFrom('platform_events').selectAll().where('type', '=', type);
  if (assetId) q = q.where('asset_id', '=', assetId);
  return q.orderBy('id').execute();
}

export interface AlarmSpec {
  assetId: string;
  deviceId: string;
  level: RiskLevel;
  value: number;
  threshold: number;
  metric?: string;
  ruleId?: string;
  at?: number;
}

/** A stored alarm: the pure workflow record plus what the rule engine observed. */
export interface StoredAlarm {
  workflow: WorkflowAlarm;
  spec: AlarmSpec;
  conditionActive: boolean;
}

const SYSTEM: Actor = { id: 'rule-engine', role: 'system' };
export const ADMIN: Actor = { id: 'admin-1', role: 'admin' };

/**
 * Writes an alarm change the way the alarm engine's AlarmWriter does: the `alarms` row (workflow jsonb
 * as the source of truth, the observation columns beside it) and the `alarm.*` platform events, in one
 * transaction, events last.
 */
async function write(
  t: TestApp,
  alarm: StoredAlarm,
  events: readonly WorkflowEvent[],
  insert: boolean,
): Promise<void> {
  const w = alarm.workflow;
  const now = events[events.length - 1]?.at ?? Date.now();
  const row = {
    id: w.id,
    asset_id: w.assetId,
    owner_unit_id: w.ownerUnitId,
    domain: 'gas',
    district: '康巴什区',
    rule_id: w.ruleId,
    rule_version: 'alarm-rules/1.0.0',
    device_id: alarm.spec.deviceId,
    metric: alarm.spec.metric ?? 'ch4_lel',
    level: w.level,
    state: w.state,
    value: alarm.spec.value,
    threshold: alarm.spec.threshold,
    condition_active: alarm.conditionActive,
    suppressed: false,
    chattering: false,
    workflow: JSON.stringify(w),
    sequence: w.sequence,
    raised_at: new Date(w.raisedAt),
    updated_at: new Date(now),
    closed_at: TERMINAL_STATES.includes(w.state) ? new Date(w.stateSince) : null,
  };
  await t.db.transaction().execute(async (trx) => {
    if (insert) await trx.insertInto('alarms').values(row).execute();
    else await trx.updateTable('alarms').set(row).where('id', '=', w.id).execute();
    const log = t.app.get(EventsService, { strict: false });
    await log.append(
      trx,
      events.map((e) => ({
        type: e.type as 'alarm.raised',
        at: new Date(e.at),
        assetId: w.assetId,
        ownerUnitId: w.ownerUnitId,
        domain: 'gas',
        alarmId: w.id,
        data: { alarmId: w.id, sequence: e.sequence, assetId: w.assetId, state: e.to, level: w.level },
      })),
    );
  });
}

/** Raises an alarm (and auto-dispatches it when its level skips verification, as the engine does). */
export async function raise(t: TestApp, spec: AlarmSpec, ownerUnitId = 'gas-co'): Promise<StoredAlarm> {
  const at = spec.at ?? Date.now();
  const raised = raiseAlarm(
    {
      id: randomUUID(),
      assetId: spec.assetId,
      ownerUnitId,
      ruleId: spec.ruleId ?? 'gas.ch4_lel',
      level: spec.level,
      reason: `${spec.value} ≥ ${spec.threshold}`,
    },
    at,
  );
  let alarm: StoredAlarm = { workflow: raised.alarm, spec, conditionActive: true };
  const events = [raised.event];
  for (const command of autoActions(raised.alarm)) {
    const next = act(alarm, command, SYSTEM, at);
    alarm = next.alarm;
    events.push(next.event);
  }
  await write(t, alarm, events, true);
  return alarm;
}

function act(
  alarm: StoredAlarm,
  command: WorkflowCommand,
  actor: Actor,
  at: number,
): { alarm: StoredAlarm; event: WorkflowEvent } {
  const result = apply(alarm.workflow, command, actor, at);
  if (!result.ok) throw new Error(`${command.type}: ${result.error.code} ${result.error.message}`);
  return { alarm: { ...alarm, workflow: result.alarm }, event: result.event };
}

/** Applies workflow commands at `at`; `normal` records that the condition cleared. */
export async function transition(
  t: TestApp,
  alarm: StoredAlarm,
  steps: readonly { command: WorkflowCommand; actor: Actor }[],
  at: number,
  normal = false,
): Promise<StoredAlarm> {
  let current: StoredAlarm = normal
    ? { ...alarm, conditionActive: false, workflow: noteCondition(alarm.workflow, false, at) }
    : alarm;
  const events: WorkflowEvent[] = [];
  for (const step of steps) {
    const next = act(current, step.command, step.actor, at);
    current = next.alarm;
    events.push(next.event);
  }
  await write(t, current, events, false);
  return current;
}

export { createOwnerUnits, expectStatus, ownerUnit };
