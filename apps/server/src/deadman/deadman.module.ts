import { Module } from '@nestjs/common';
import { RiskCoreModule } from '../risk/risk-core.module.js';
import { DeadmanMetrics } from './deadman-metrics.js';
import { DeadmanScheduler } from './deadman.scheduler.js';
import { DeadmanService } from './deadman.service.js';
import { DeviceStatusRepository } from './device-status.repository.js';

/**
 * The deadman (dispatcher role): announces devices going offline and coming back (`device.offline`,
 * `device.online`). The risk evaluator hears those events and re-assesses the device's asset (blind
 * spots, unverified level). Needs ScheduleModule.forRoot() once in the process.
 */
@Module({
  imports: [RiskCoreModule],
  providers: [DeviceStatusRepository, DeadmanMetrics, DeadmanService, DeadmanScheduler],
  exports: [DeadmanScheduler],
})
export class DeadmanModule {}
