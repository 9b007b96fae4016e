import { useEffect, useState } from 'preact/hooks';
import type { AlarmView } from '../api/alarms-api';
import { apiGet, fetchAllPages } from '../api/http';
import type { DevicePage, DeviceView } from '../api/types';
import { onPlatformEvent } from '../live/live-feed';
import type { Loadable } from '../ui/loadable';
import { useLoad } from '../ui/use-load';
import { useNow } from '../ui/use-now';

/** Pipeline coverage and device health as the risk assessment report computes them (server reports/). */
export interface ReportFigures {
  coverage: { target: number; overall: { totalKm: number; monitoredKm: number; ratio: number | null } };
  devices: { enabled: number; online: number; rate: number | null };
}

const FIGURES_REFRESH_MS = 60_000;

/**
 * The report's coverage and online-rate figures (`/reports/risk-assessment?format=json`), so the board
 * and the printed report say the same; re-read every minute and soon after a device goes on- or offline.
 */
export function useReportFigures(): Loadable<ReportFigures> {
  const tick = Math.floor(useNow(FIGURES_REFRESH_MS) / FIGURES_REFRESH_MS);
  const changes = useDeviceChanges();
  const [figures] = useLoad(
    () => apiGet<ReportFigures>('/reports/risk-assessment', { format: 'json' }),
    [tick, changes],
  );
  return figures;
}

/** Offline devices (at most `limit`), re-read when devices change state. */
export function useOfflineDevices(limit: number): Loadable<DeviceView[]> {
  const changes = useDeviceChanges();
  const [devices] = useLoad(
    () => apiGet<DevicePage>('/devices', { online: false, limit }).then((p) => p.items),
    [changes],
  );
  return devices;
}

/** A counter that moves (at most every 5 s) when device.online / device.offline events arrive. */
function useDeviceChanges(): number {
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onPlatformEvent((event) => {
      if ((event.type === 'device.online' || event.type === 'device.offline') && timer === undefined)
        timer = setTimeout(() => {
          timer = undefined;
          setChanges((n) => n + 1);
        }, 5_000);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, []);
  return changes;
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
