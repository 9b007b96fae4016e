import { Injectable } from '@nestjs/common';
import {
  DEFAULT_DEADMAN_CONFIG,
  DEFAULT_DYNAMIC_RISK_CONFIG,
  DEFAULT_RISK_TRANSITION_CONFIG,
  DEFAULT_STATIC_RISK_CONFIG,
  type DeadmanConfig,
  type DynamicRiskConfig,
  type RiskTransitionConfig,
  type StaticRiskConfig,
} from '#domain';

/**
 * Configuration of the risk evaluator, the deadman and the reports. Every model number is the domain
 * default (libs/domain, DOMAIN.md §a.7 and §b); only the scheduling and the asset-topology choices below
 * are made here. One instance per process, so the deadman and the risk staleness check always use the
 * same k.
 */
@Injectable()
export class RiskSettings {
  readonly static: StaticRiskConfig = DEFAULT_STATIC_RISK_CONFIG;
  readonly dynamic: DynamicRiskConfig = DEFAULT_DYNAMIC_RISK_CONFIG;
  readonly transition: RiskTransitionConfig = DEFAULT_RISK_TRANSITION_CONFIG;
  /** k = 3 missed report intervals (DOMAIN.md §a.7, ASSUMPTION); blind after 24 h (§b.2). */
  readonly deadman: DeadmanConfig = DEFAULT_DEADMAN_CONFIG;

  /** Periodic re-assessment: applies the hysteresis clock and staleness even when nothing else happens. */
  readonly tickMs = 60_000;
  /** Deadman scan period: an offline device is announced at most this long after its deadline. */
  readonly deadmanIntervalMs = 15_000;
  /** Assets per transaction of a sweep; bounds lock time and statement size. */
  readonly chunkSize = 500;

  /**
   * Asset kinds that are confined underground spaces (窨井 manholes, inspection wells, tunnel cabins).
   * A sensor on such an asset "sits in a confined adjacent space" for the §b.2 CH4 override, and its
   * alarms and liveness also count for the parent asset it is adjacent to (the seeds hang the gas
   * manholes of a main under that main). ASSUMPTION: the registry has no placement field for devices.
   */
  readonly confinedSpaceKinds: readonly string[] = [
    'manhole',
    'inspection_well',
    'valve_chamber',
    'tunnel_section',
  ];

  /**
   * Linear kinds counted by the monitoring-coverage KPI (DOMAIN.md §c.3: monitored municipal pipeline km
   * / total municipal pipeline km ≥ 15 %, formula ASSUMPTION).
   */
  readonly pipelineKinds: readonly string[] = ['pipeline_segment'];
  /** The action plan's target for that KPI (DOMAIN.md §c.3). */
  readonly coverageTarget = 0.15;
}
