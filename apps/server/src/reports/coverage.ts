import { deviceStatus, type DeadmanConfig, type DeviceLiveness } from '#domain';

/**
 * Monitoring coverage, the KPI of DOMAIN.md §c.3 "市政管网管线智能化监测管理率 = monitored municipal
 * pipeline km / total municipal pipeline km ≥ 15 %" (formula ASSUMPTION, target from the action plan):
 *
 *   coverage = Σ length_m of monitored pipeline assets / Σ length_m of all pipeline assets
 *
 * where a pipeline asset (kind in RiskSettings.pipelineKinds, length_m > 0) is monitored when at least
 * one enabled device on it, or on a confined space hanging under it (its manholes), is not offline by the
 * deadman rule (reported within k report intervals and not disconnected, DOMAIN.md §a.7) at report time.
 */
export interface PipelineRecord {
  id: string;
  domain: string;
  lengthM: number;
}

export interface CoverageLine {
  domain: string;
  totalKm: number;
  monitoredKm: number;
  /** monitored / total; null without pipelines. */
  ratio: number | null;
  meetsTarget: boolean | null;
}

export interface Coverage {
  target: number;
  domains: CoverageLine[];
  overall: CoverageLine;
}

const km = (m: number): number => Math.round(m) / 1000;

function line(
  domain: string,
  pipelines: readonly PipelineRecord[],
  monitored: ReadonlySet<string>,
  target: number,
): CoverageLine {
  const total = pipelines.reduce((t, p) => t + p.lengthM, 0);
  const covered = pipelines.filter((p) => monitored.has(p.id)).reduce((t, p) => t + p.lengthM, 0);
  const ratio = total > 0 ? covered / total : null;
  return {
    domain,
    totalKm: km(total),
    monitoredKm: km(covered),
    ratio,
    meetsTarget: ratio === null ? null : ratio >= target,
  };
}

/** Coverage per domain (in `domains` order) and overall, at `now`. */
export function monitoringCoverage(
  pipelines: readonly PipelineRecord[],
  devicesByPipeline: ReadonlyMap<string, readonly DeviceLiveness[]>,
  ctx: { now: number; deadman: DeadmanConfig; target: number; domains: readonly string[] },
): Coverage {
  const monitored = new Set(
    pipelines
      .filter((p) =>
        (devicesByPipeline.get(p.id) ?? []).some((d) => !deviceStatus(d, ctx.now, ctx.deadman).offline),
      )
      .map((p) => p.id),
  );
  const present = ctx.domains.filter((d) => pipelines.some((p) => p.domain === d));
  return {
    target: ctx.target,
    domains: present.map((d) =>
      line(
        d,
        pipelines.filter((p) => p.domain === d),
        monitored,
        ctx.target,
      ),
    ),
    overall: line('all', pipelines, monitored, ctx.target),
  };
}

/** Share of enabled devices not offline at `now` (DOMAIN.md §c.3 "device online rate"); null without devices. */
export function onlineRate(
  devices: readonly DeviceLiveness[],
  now: number,
  deadman: DeadmanConfig,
): { enabled: number; online: number; rate: number | null } {
  const online = devices.filter((d) => !deviceStatus(d, now, deadman).offline).length;
  return { enabled: devices.length, online, rate: devices.length > 0 ? online / devices.length : null };
}
