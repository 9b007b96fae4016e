import type { DeviceEventData } from '#contracts';
import { useEffect, useState } from 'preact/hooks';
import { fetchAllPages } from '../api/http';
import type { AlarmView } from '../api/alarms-api';
import type { DevicePage, DeviceView } from '../api/types';
import { onPlatformEvent } from '../live/live-feed';
import type { Loadable } from '../ui/loadable';
import { useLoad } from '../ui/use-load';
import { useNow } from '../ui/use-now';

export interface DeviceCensus {
  online: number;
  total: number;
  assetIds: ReadonlySet<string>;
}

/** Every device once, then online/offline kept live from device.online / device.offline events. */
export function useDeviceCensus(): Loadable<DeviceCensus> {
  const [devices] = useLoad(() => fetchAllPages<DevicePage, DeviceView>('/devices', {}, (p) => p.items), []);
  const [online, setOnline] = useState<ReadonlyMap<string, boolean>>(new Map());
  useEffect(() => {
    if (devices.state === 'ready') setOnline(new Map(devices.value.map((d) => [d.id, d.online])));
  }, [devices]);
  useEffect(
    () =>
      onPlatformEvent((event) => {
        if (event.type !== 'device.online' && event.type !== 'device.offline') return;
        const data = event.data as unknown as DeviceEventData;
        setOnline((map) => (map.has(data.deviceId) ? new Map(map).set(data.deviceId, event.type === 'device.online') : map));
      }),
    [],
  );
  if (devices.state !== 'ready') return devices;
  return {
    state: 'ready',
    value: {
      online: [...online.values()].filter(Boolean).length,
      total: online.size,
      assetIds: new Set(devices.value.map((d) => d.assetId)),
    },
  };
}

/** Alarms read for the response-time KPIs at most (a bounded read; the list is ordered by level, then age). */
const KPI_ALARM_LIMIT = 5_000;
const KPI_REFRESH_MS = 5 * 60_000;

/** Every alarm (open and closed, up to a limit) for the response KPIs, re-read every 5 minutes. */
export function useKpiAlarms(): Loadable<AlarmView[]> {
  const tick = Math.floor(useNow(KPI_REFRESH_MS) / KPI_REFRESH_MS);
  const [alarms] = useLoad(() => {
    type Page = { items: AlarmView[]; nextCursor: string | null };
    return fetchAllPages<Page, AlarmView>('/alarms', {}, (p) => p.items, KPI_ALARM_LIMIT);
  }, [tick]);
  return alarms;
}
