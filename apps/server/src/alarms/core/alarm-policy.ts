import { Injectable } from '@nestjs/common';
import {
  DEFAULT_NOISE_CONFIG,
  DEFAULT_SLA_CONFIG,
  DEFAULT_WORKFLOW_CONFIG,
  type NoiseConfig,
  type SlaConfig,
  type WorkflowConfig,
} from '#domain';

/**
 * The configurable numbers of the alarm feature, all ASSUMPTION defaults of libs/domain (DOMAIN.md §c.1
 * SLAs, §c.3 verification windows, PEERS.md §2 noise thresholds). One provider, so a deployment that
 * changes them changes them everywhere (engine, API, schedulers) at once.
 */
@Injectable()
export class AlarmPolicy {
  readonly workflow: WorkflowConfig = DEFAULT_WORKFLOW_CONFIG;
  readonly sla: SlaConfig = DEFAULT_SLA_CONFIG;
  readonly noise: NoiseConfig = DEFAULT_NOISE_CONFIG;
}
