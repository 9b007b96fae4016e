import type { Domain, RiskLevel } from '#contracts';
import type { AlarmState } from '#domain';
import type { AlarmItem } from '../alarms/alarm-model';
import type { ConsoleAction } from '../alarms/alarm-actions';
import { apiGet, apiPost, fetchAllPages } from './http';

/** `GET /alarms` items (server alarms/workflow/alarm-views.ts). */
export interface AlarmView {
  id: string;
  assetId: string;
  ownerUnitId: string;
  domain: Domain;
  district: string;
  ruleId: string;
  deviceId: string | null;
  metric: string | null;
  level: RiskLevel;
  state: AlarmState;
  value: number | null;
  threshold: number | null;
  acknowledged: { by: string; at: string } | null;
  shelved: boolean;
  sequence: number;
  raisedAt: string;
  closedAt: string | null;
  sla: { overdue: boolean; stages: { stage: string; dueAt: string; doneAt: string | null }[] };
}

export interface AlarmEventView {
  sequence: number;
  type: string;
  at: string;
  actor: string;
  role: string;
  reason: string;
  from: string | null;
  to: string | null;
}

export interface AlarmDetailView extends AlarmView {
  events: AlarmEventView[];
}

interface AlarmPage {
  items: AlarmView[];
  nextCursor: string | null;
}

export function toAlarmItem(view: AlarmView): AlarmItem {
  const pending = view.sla.stages.filter((s) => s.doneAt === null).map((s) => Date.parse(s.dueAt));
  return {
    id: view.id,
    assetId: view.assetId,
    ownerUnitId: view.ownerUnitId,
    domain: view.domain,
    level: view.level,
    state: view.state,
    deviceId: view.deviceId,
    metric: view.metric,
    value: view.value,
    threshold: view.threshold,
    raisedAt: Date.parse(view.raisedAt),
    sequence: view.sequence,
    acknowledged: view.acknowledged
      ? { by: view.acknowledged.by, at: Date.parse(view.acknowledged.at) }
      : null,
    shelved: view.shelved,
    overdueAt: pending.length > 0 ? Math.min(...pending) : null,
  };
}

/** Every alarm that is not closed or dismissed. */
export function fetchOpenAlarms(): Promise<AlarmView[]> {
  return fetchAllPages<AlarmPage, AlarmView>('/alarms', { open: true }, (p) => p.items);
}

/** The latest alarms of one asset, open or not (first page, newest first). */
export async function fetchAssetAlarms(assetId: string): Promise<AlarmView[]> {
  return (await apiGet<AlarmPage>('/alarms', { assetId, limit: 50 })).items;
}

export function fetchAlarm(id: string): Promise<AlarmDetailView> {
  return apiGet<AlarmDetailView>(`/alarms/${encodeURIComponent(id)}`);
}

/** `POST /alarms/{id}/{action}` with the required reason (and `until` for shelve); answers the new state. */
export function postAlarmAction(
  id: string,
  action: ConsoleAction,
  reason: string,
  until?: Date,
): Promise<AlarmView> {
  return apiPost<AlarmView>(`/alarms/${encodeURIComponent(id)}/${action}`, {
    reason,
    ...(until ? { until: until.toISOString() } : {}),
  });
}
