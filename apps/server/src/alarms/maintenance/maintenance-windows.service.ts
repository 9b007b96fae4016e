import { Injectable } from '@nestjs/common';
import { activeOccurrence, validateWindow, type MaintenanceWindow } from '#domain';
import type { Db } from '#postgres';
import { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../auth/principal.js';
import { InjectDb } from '../../database/database.module.js';
import type { FieldError } from '../../errors/app.exception.js';
import { AlarmException } from '../alarms.exception.js';
import { isUuid } from '../core/alarms.repository.js';
import { Clock } from '../core/clock.js';
import { MaintenanceNotices } from '../core/maintenance-notices.js';
import { MaintenanceWindowsRepository } from '../core/maintenance-windows.repository.js';
import { parseSchedule, parseScope } from './maintenance-window.input.js';
import { toWindowView } from './maintenance-window.view.js';
import type { CreateMaintenanceWindowDto, MaintenanceWindowView } from './maintenance-windows.dto.js';

/**
 * Maintenance windows (PEERS.md §5.C item 15): alarms in scope are still evaluated and recorded, but
 * their notices are held back until the window ends (the engine reads the windows at every alarm
 * change). Creating or cancelling one is audited; one already in force starts at once.
 */
@Injectable()
export class MaintenanceWindowsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly windows: MaintenanceWindowsRepository,
    private readonly notices: MaintenanceNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(includeCancelled: boolean): Promise<MaintenanceWindowView[]> {
    const now = this.clock.now();
    return (await this.windows.list(includeCancelled)).map((r) => toWindowView(r, now));
  }

  async get(id: string): Promise<MaintenanceWindowView> {
    const row = isUuid(id) ? await this.windows.get(id) : undefined;
    if (!row) throw new AlarmException('MAINTENANCE_WINDOW_NOT_FOUND', `no maintenance window ${id}`);
    return toWindowView(row, this.clock.now());
  }

  async create(body: CreateMaintenanceWindowDto, p: Principal): Promise<MaintenanceWindowView> {
    const now = this.clock.now();
    const window = await this.parse(body, now);
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await this.windows.insert(trx, {
        name: body.name,
        reason: body.reason,
        scope: window.scope,
        schedule: window.schedule,
        createdBy: p.actor,
      });
      await this.record(trx, p, 'maintenance_window.create', created.id, body.reason, {
        name: body.name,
        scope: window.scope,
        schedule: window.schedule,
      });
      const occurrence = activeOccurrence({ ...window, id: created.id }, now);
      if (occurrence) await this.notices.started(trx, created, occurrence);
      return created;
    });
    return this.get(row.id);
  }

  async cancel(id: string, reason: string, p: Principal): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const row = isUuid(id) ? await this.windows.get(id, trx, true) : undefined;
      if (!row || row.cancelled_at !== null)
        throw new AlarmException('MAINTENANCE_WINDOW_NOT_FOUND', `no active maintenance window ${id}`);
      await this.windows.cancel(trx, id, p.actor, new Date(now));
      await this.record(trx, p, 'maintenance_window.cancel', id, reason, { name: row.name });
      if (row.active_since !== null) await this.notices.ended(trx, row, now, 'cancelled');
    });
  }

  /** The domain window of a request, or a 422 listing every problem. */
  private async parse(body: CreateMaintenanceWindowDto, now: number): Promise<Omit<MaintenanceWindow, 'id'>> {
    const scope = parseScope(body.scope);
    const schedule = parseSchedule(body.schedule, now);
    const errors: FieldError[] = [...scope.errors, ...schedule.errors];
    if (scope.value && schedule.value) {
      const window = { id: 'new', scope: scope.value, schedule: schedule.value };
      errors.push(
        ...validateWindow(window).map((m) => ({ field: 'schedule', message: m.replace(/^new: /, '') })),
      );
      if (scope.value.kind === 'assets') errors.push(...(await this.unknownAssets(scope.value.assetIds)));
    }
    if (errors.length > 0 || !scope.value || !schedule.value)
      throw new AlarmException('MAINTENANCE_WINDOW_INVALID', `${errors.length} problem(s) with the window`, {
        errors,
      });
    return { scope: scope.value, schedule: schedule.value };
  }

  private async unknownAssets(ids: readonly string[]): Promise<FieldError[]> {
    const known = await this.windows.existingAssets(ids);
    return ids
      .filter((id) => !known.has(id))
      .map((id) => ({ field: 'scope.assetIds', message: `unknown asset ${id}` }));
  }

  private async record(
    trx: Db,
    p: Principal,
    action: string,
    id: string,
    reason: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(
      {
        actor: p.actor,
        role: p.role,
        action,
        targetType: 'maintenance_window',
        targetId: id,
        reason,
        detail,
      },
      trx,
    );
  }
}
