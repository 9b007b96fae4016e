import { Module } from '@nestjs/common';
import { AlarmsCoreModule } from '../core/alarms-core.module.js';
import { AlarmJobs } from './alarm-jobs.js';
import { EscalationScheduler } from './escalation.scheduler.js';
import { MaintenanceScheduler } from './maintenance.scheduler.js';
import { NoticeReleaser } from './notice-releaser.js';

/**
 * The alarm schedulers (dispatcher role). Needs ScheduleModule.forRoot() once in the process
 * (app.module.ts registers it with the dispatcher role).
 */
@Module({
  imports: [AlarmsCoreModule],
  providers: [EscalationScheduler, NoticeReleaser, MaintenanceScheduler, AlarmJobs],
  exports: [AlarmJobs],
})
export class AlarmSchedulesModule {}
