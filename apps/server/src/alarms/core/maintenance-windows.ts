import type { MaintenanceScope, MaintenanceSchedule, MaintenanceWindow } from '#domain';
import type { WindowRow } from './context.repository.js';

/** A stored window as the domain's MaintenanceWindow (scope and schedule are kept in its JSON shape). */
export function toMaintenanceWindow(row: Pick<WindowRow, 'id' | 'scope' | 'schedule'>): MaintenanceWindow {
  return {
    id: row.id,
    scope: row.scope as unknown as MaintenanceScope,
    schedule: row.schedule as unknown as MaintenanceSchedule,
  };
}
