import {
  assessDynamicRisk,
  assessStaticRisk,
  assetDataStatus,
  blindSpotRatio,
  decideRiskTransition,
  type DeviceLiveness,
  type DynamicRiskAssessment,
  type ExternalEvent,
  type NearbyEvent,
  type RiskState,
  type RiskTransition,
  type StaticRiskAssessment,
} from '#domain';
import { alarmInputs, type AlarmDerivedInputs } from './alarm-inputs.js';
import { buildExplanation, type RiskExplanation } from './risk-explanation.js';
import type {
  AlarmRecord,
  AssetRecord,
  DeviceRecord,
  ExternalEventRecord,
  RiskInputSet,
} from './risk-inputs.repository.js';
import type { RiskSettings } from './risk.settings.js';

/** Everything that feeds one asset's level. */
export interface AssetRiskInputs {
  asset: AssetRecord;
  /** The asset itself and its confined-space children. */
  members: AssetRecord[];
  devices: DeviceRecord[];
  alarms: AlarmRecord[];
  externalEvents: ExternalEventRecord[];
}

/** One asset's assessment: what to store and whether the level or its verification changed. */
export interface AssetAssessment {
  asset: AssetRecord;
  staticRisk: StaticRiskAssessment;
  dynamic: DynamicRiskAssessment;
  transition: RiskTransition;
  explanation: RiskExplanation;
}

/** The group of `assetId` in a loaded input set (see RiskSettings.confinedSpaceKinds). */
export function inputsFor(set: RiskInputSet, assetId: string): AssetRiskInputs | null {
  const asset = set.assets.get(assetId);
  if (!asset) return null;
  const members = [asset, ...(set.children.get(assetId) ?? [])];
  return {
    asset,
    members,
    devices: members.flatMap((m) => set.devices.get(m.id) ?? []),
    alarms: members.flatMap((m) => set.alarms.get(m.id) ?? []),
    externalEvents: set.externalEvents.get(assetId) ?? [],
  };
}

const liveness = (d: DeviceRecord): DeviceLiveness => ({
  deviceId: d.id,
  lastSeenAt: d.lastSeenAt,
  reportIntervalS: d.reportIntervalS,
  online: d.online,
  registeredAt: d.createdAt,
});

/** Calendar year in the configured local time (China Standard Time by default): the census age is in local years. */
export function localYear(now: number, utcOffsetMinutes: number): number {
  return new Date(now + utcOffsetMinutes * 60_000).getUTCFullYear();
}

function externalInputs(events: readonly ExternalEventRecord[]): {
  external: ExternalEvent[];
  nearby: NearbyEvent[];
} {
  const external: ExternalEvent[] = [];
  const nearby: NearbyEvent[] = [];
  for (const e of events) {
    if (e.kind === 'major_event') {
      // The API requires `until` for a major event; an open-ended one lasts until it is ended.
      nearby.push({
        id: e.id,
        name: e.note,
        startsAt: e.startsAt,
        endsAt: e.until ?? Number.MAX_SAFE_INTEGER,
      });
    } else {
      external.push({
        id: e.id,
        kind: e.kind,
        ...(e.distanceM === null ? {} : { distanceM: e.distanceM }),
        reportedAt: e.startsAt,
        ...(e.until === null ? {} : { endsAt: e.until }),
        source: e.source,
      });
    }
  }
  return { external, nearby };
}

function confinedIds(members: readonly AssetRecord[], kinds: readonly string[]): Set<string> {
  return new Set(members.filter((m) => kinds.includes(m.kind)).map((m) => m.id));
}

function dynamicFor(
  inputs: AssetRiskInputs,
  staticRisk: StaticRiskAssessment,
  alarms: AlarmDerivedInputs,
  ctx: { now: number; devices: DeviceLiveness[]; settings: RiskSettings },
): DynamicRiskAssessment {
  const { external, nearby } = externalInputs(inputs.externalEvents);
  const monitoredSince = Math.min(inputs.asset.createdAt, ...inputs.devices.map((d) => d.createdAt));
  return assessDynamicRisk(
    {
      domain: inputs.asset.domain,
      static: { likelihood: staticRisk.likelihood, severity: staticRisk.severity },
      attributes: inputs.asset.attributes,
      openAlarms: alarms.openAlarms,
      confirmedYellowCount30d: alarms.confirmedYellowCount30d,
      // No trend analysis feeds the platform yet (ΔL_trend stays 0); see docs/risk-model.md "Operations".
      trends: [],
      externalEvents: external,
      blindSpotRatio: blindSpotRatio(ctx.devices, ctx.now, ctx.settings.deadman),
      // No inspection records exist yet, so ΔL_clean cannot apply (it needs a passed inspection).
      cleanRecord: {
        monitoredSince,
        lastConfirmedAlarmAt: alarms.lastConfirmedAlarmAt,
        lastInspectionPassedAt: null,
      },
      nearbyEvents: nearby,
      now: ctx.now,
    },
    ctx.settings.dynamic,
  );
}

/** Static → dynamic → hysteresis for one asset (DOMAIN.md §b.1–§b.2), with its explanation. */
export function assessAsset(
  inputs: AssetRiskInputs,
  current: RiskState | null,
  now: number,
  settings: RiskSettings,
): AssetAssessment {
  const { asset } = inputs;
  const assessmentYear = localYear(now, settings.dynamic.season.utcOffsetMinutes);
  const staticRisk = assessStaticRisk(
    { domain: asset.domain, kind: asset.kind, attributes: asset.attributes, assessmentYear },
    settings.static,
  );
  const devices = inputs.devices.map(liveness);
  const alarms = alarmInputs(inputs.alarms, confinedIds(inputs.members, settings.confinedSpaceKinds), now);
  const dynamic = dynamicFor(inputs, staticRisk, alarms, { now, devices, settings });
  const dataStatus = assetDataStatus(devices, now, settings.deadman);
  const transition = decideRiskTransition(
    current,
    dynamic,
    {
      now,
      openAlarmIds: alarms.openAlarmIds,
      openTicketIds: alarms.openTicketIds,
      lastTicketClosedAt: alarms.lastTicketClosedAt,
      lastAbnormalAt: alarms.lastAbnormalAt,
      // An asset without sensors is graded on its census alone and counts as verified (docs/risk-model.md §4).
      dataFresh: dataStatus !== 'stale',
    },
    settings.transition,
  );
  const explanation = buildExplanation({
    members: inputs.members.map((m) => m.id),
    externalEvents: inputs.externalEvents,
    staticRisk,
    assessmentYear,
    dynamic,
    transition,
    alarms,
    devices,
    now,
    settings,
  });
  return { asset, staticRisk, dynamic, transition, explanation };
}
