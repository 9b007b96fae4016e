import { Module } from '@nestjs/common';
import { AlarmEventsRepository } from './alarm-events.repository.js';
import { AlarmPolicy } from './alarm-policy.js';
import { AlarmWriter } from './alarm-writer.js';
import { AlarmsRepository } from './alarms.repository.js';
import { ChangeContext } from './change-context.js';
import { Clock } from './clock.js';
import { ContextRepository } from './context.repository.js';
import { IncidentRecorder } from './incident-recorder.js';
import { IncidentsRepository } from './incidents.repository.js';
import { MaintenanceNotices } from './maintenance-notices.js';
import { MaintenanceWindowsRepository } from './maintenance-windows.repository.js';
import { Suppression } from './suppression.js';
import { WorkflowRunner } from './workflow-runner.js';

const PROVIDERS = [
  Clock,
  AlarmPolicy,
  AlarmsRepository,
  AlarmEventsRepository,
  ContextRepository,
  IncidentsRepository,
  IncidentRecorder,
  AlarmWriter,
  Suppression,
  WorkflowRunner,
  MaintenanceWindowsRepository,
  MaintenanceNotices,
  ChangeContext,
];

/**
 * What the engine (ingest role), the workflow API (api role) and the schedulers (dispatcher role) share:
 * the alarm store and the one writer through which every alarm change goes.
 */
@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class AlarmsCoreModule {}
