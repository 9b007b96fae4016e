import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AlarmEngineModule } from './alarms/engine/alarm-engine.module.js';
import { AlarmsModule } from './alarms/alarms.module.js';
import { AlarmSchedulesModule } from './alarms/schedule/alarm-schedules.module.js';
import { AuditApiModule } from './audit/audit-api.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { TokensApiModule } from './auth/tokens-api.module.js';
import { AppConfig, PROCESS_ROLES, type ProcessRole } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ConsoleModule } from './console/console.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DeadmanModule } from './deadman/deadman.module.js';
import { EventsModule } from './events/events.module.js';
import { ProblemModule } from './errors/problem.module.js';
import { HealthModule } from './health/health.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { RejectionsApiModule } from './ingest/rejections/rejections-api.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { RegistryModule } from './registry/registry.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RiskApiModule } from './risk/risk-api.module.js';
import { RiskEvaluatorModule } from './risk/risk-evaluator.module.js';
import { SseModule } from './sse/sse.module.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';
import { WebhookDispatcherModule } from './webhooks/dispatch/webhook-dispatcher.module.js';
import { WebhooksApiModule } from './webhooks/webhooks-api.module.js';

type ModuleRef = Type<unknown> | DynamicModule;

/**
 * Infrastructure every process has, whatever its roles: config, PostgreSQL, health and metrics (each
 * process is probed and scraped), problem+json errors, the fail-closed auth guard and the audit writer.
 */
const CORE_MODULES: ModuleRef[] = [
  DatabaseModule,
  HealthModule,
  MetricsModule,
  ProblemModule,
  AuthModule,
  AuditModule,
  EventsModule,
];

/**
 * Feature modules by process role (LIFELINE_ROLES). Adding a feature is one line in its role's list;
 * a module listed under several roles is loaded once.
 */
const ROLE_MODULES: Record<ProcessRole, ModuleRef[]> = {
  api: [
    TokensApiModule,
    AuditApiModule,
    RegistryModule,
    RejectionsApiModule,
    ConsoleModule,
    TelemetryModule,
    AlarmsModule,
    SseModule,
    WebhooksApiModule,
    RiskApiModule,
    ReportsModule,
  ],
  ingest: [IngestModule, AlarmEngineModule],
  // ScheduleModule.forRoot() once per process (each extra forRoot registers every @Interval again).
  dispatcher: [
    ScheduleModule.forRoot(),
    AlarmSchedulesModule,
    WebhookDispatcherModule,
    RiskEvaluatorModule,
    DeadmanModule,
  ],
};

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const features = PROCESS_ROLES.filter((role) => config.roles[role]).flatMap((role) => ROLE_MODULES[role]);
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), ...CORE_MODULES, ...new Set(features)],
    };
  }
}
