import { fetchAlarm, fetchOpenAlarms, toAlarmItem } from '../api/alarms-api';
import { errorText } from '../api/http';
import {
  applyAlarmEvent,
  needsCue,
  upsertAlarm,
  type AlarmEvent,
  type AlarmMap,
} from '../alarms/alarm-model';
import { beepMajorAlarm } from '../live/beep';
import { onPlatformEvent } from '../live/live-feed';
import { createStore } from '../ui/store';
import type { Loadable } from '../ui/loadable';

/** The open alarms, kept live from the event stream on top of a REST snapshot. */
export const alarmsStore = createStore<AlarmMap>(new Map());
export const alarmsLoadStore = createStore<Loadable<true>>({ state: 'loading' });
/** Ids of alarms that arrived live since the queue loaded (highlighted as new until acknowledged). */
export const freshAlarmsStore = createStore<ReadonlySet<string>>(new Set());

const REFRESH_DELAY_MS = 400;
const LOAD_RETRY_MS = 5_000;

/**
 * Starts the queue: events are buffered until the snapshot is in, then applied by per-alarm sequence, so
 * nothing between the snapshot and the stream is lost or applied twice. After a state change the alarm
 * is re-read (coalesced) for what events do not carry: its SLA deadlines.
 */
export function startAlarmQueue(): () => void {
  let buffered: AlarmEvent[] | null = [];
  const refreshing = new Map<string, ReturnType<typeof setTimeout>>();

  const refresh = (id: string) => {
    clearTimeout(refreshing.get(id));
    refreshing.set(
      id,
      setTimeout(() => {
        refreshing.delete(id);
        fetchAlarm(id).then(
          (view) => alarmsStore.set((alarms) => upsertAlarm(alarms, toAlarmItem(view))),
          () => undefined, // the next event or a reload retries; the queue keeps the event's state
        );
      }, REFRESH_DELAY_MS),
    );
  };

  const apply = (event: AlarmEvent, live: boolean) => {
    const before = alarmsStore.get().get(event.data.alarmId);
    const result = applyAlarmEvent(alarmsStore.get(), event);
    if (!result.changed) return;
    alarmsStore.set(result.alarms);
    if (result.stale || before?.state !== event.data.state) refresh(event.data.alarmId);
    if (live && event.type === 'alarm.raised')
      freshAlarmsStore.set((ids) => new Set(ids).add(event.data.alarmId));
    if (needsCue(event, before)) beepMajorAlarm();
  };

  const off = onPlatformEvent((event) => {
    if (!event.type.startsWith('alarm.')) return;
    const alarmEvent = event as unknown as AlarmEvent;
    if (buffered) buffered.push(alarmEvent);
    else apply(alarmEvent, true);
  });

  let retry: ReturnType<typeof setTimeout> | undefined;
  const load = () =>
    fetchOpenAlarms().then(
      (views) => {
        alarmsStore.set(
          views.reduce<AlarmMap>((alarms, view) => upsertAlarm(alarms, toAlarmItem(view)), new Map()),
        );
        alarmsLoadStore.set({ state: 'ready', value: true });
        const pending = buffered ?? [];
        buffered = null;
        for (const event of pending) apply(event, true);
      },
      (error: unknown) => {
        alarmsLoadStore.set({ state: 'error', message: errorText(error) });
        retry = setTimeout(load, LOAD_RETRY_MS);
      },
    );
  void load();

  return () => {
    off();
    clearTimeout(retry);
    for (const timer of refreshing.values()) clearTimeout(timer);
  };
}

/** Puts the answer of a workflow action in the queue at once (the event that follows changes nothing). */
export function noteAlarmUpdate(view: Parameters<typeof toAlarmItem>[0]): void {
  alarmsStore.set((alarms) => upsertAlarm(alarms, toAlarmItem(view)));
}

export function markSeen(id: string): void {
  freshAlarmsStore.set((ids) => {
    if (!ids.has(id)) return ids;
    const next = new Set(ids);
    next.delete(id);
    return next;
  });
}
