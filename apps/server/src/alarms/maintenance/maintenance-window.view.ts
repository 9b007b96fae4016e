import { activeOccurrence } from '#domain';
import { toMaintenanceWindow } from '../core/maintenance-windows.js';
import type { MaintenanceWindowRow } from '../core/maintenance-windows.repository.js';
import { scheduleView } from './maintenance-window.input.js';
import type { MaintenanceWindowView } from './maintenance-windows.dto.js';

export function toWindowView(row: MaintenanceWindowRow, now: number): MaintenanceWindowView {
  const window = toMaintenanceWindow(row);
  const occurrence = row.cancelled_at === null ? activeOccurrence(window, now) : null;
  return {
    id: row.id,
    name: row.name,
    reason: row.reason,
    scope: row.scope,
    schedule: scheduleView(window.schedule),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    cancelledBy: row.cancelled_by,
    active: occurrence !== null,
    occurrence: occurrence
      ? { start: new Date(occurrence.start).toISOString(), end: new Date(occurrence.end).toISOString() }
      : null,
  };
}
