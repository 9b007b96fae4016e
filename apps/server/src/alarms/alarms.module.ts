import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AlarmsCoreModule } from './core/alarms-core.module.js';
import { MaintenanceWindowsController } from './maintenance/maintenance-windows.controller.js';
import { MaintenanceWindowsService } from './maintenance/maintenance-windows.service.js';
import { RuleOverridesRepository } from './rules/rule-overrides.repository.js';
import { RulesController } from './rules/rules.controller.js';
import { RulesService } from './rules/rules.service.js';
import { AlarmActionService } from './workflow/alarm-action.service.js';
import { AlarmListRepository } from './workflow/alarm-list.repository.js';
import { AlarmQueryService } from './workflow/alarm-query.service.js';
import { AlarmsController } from './workflow/alarms.controller.js';

/**
 * The alarm API (api role): the workflow (CONTRACT.md §3 /alarms), thresholds management (/rules) and
 * maintenance windows (/maintenance-windows).
 */
@Module({
  imports: [AlarmsCoreModule, AuditModule],
  controllers: [AlarmsController, RulesController, MaintenanceWindowsController],
  providers: [
    AlarmListRepository,
    AlarmQueryService,
    AlarmActionService,
    RuleOverridesRepository,
    RulesService,
    MaintenanceWindowsService,
  ],
})
export class AlarmsModule {}
