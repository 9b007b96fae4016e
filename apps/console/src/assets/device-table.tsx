import type { DeviceView } from '../api/types';
import { formatTime, useT } from '../i18n/i18n';
import { AsyncView } from '../ui/async-view';
import type { Loadable } from '../ui/loadable';

/** DOMAIN.md §a.7: battery alarm < 20 %, critical < 10 %; weak signal below −105 dBm (ASSUMPTION). */
const batteryClass = (pct: number | null) =>
  pct === null ? '' : pct < 10 ? 'bad' : pct < 20 ? 'warn' : 'ok';
const signalClass = (dbm: number | null) => (dbm === null ? '' : dbm < -105 ? 'warn' : 'ok');

/** The asset's devices with their health: online, battery, signal, last report. */
export function DeviceTable(props: { devices: Loadable<DeviceView[]> }) {
  const t = useT();
  return (
    <section class="card devices-card" aria-labelledby="devices-title">
      <h2 id="devices-title">{t('asset.devices')}</h2>
      <AsyncView value={props.devices}>
        {(devices) =>
          devices.length === 0 ? (
            <p class="muted">{t('asset.dataStatus.unmonitored')}</p>
          ) : (
            <table class="data-table" data-testid="device-table">
              <thead>
                <tr>
                  <th scope="col">{t('device.id')}</th>
                  <th scope="col">{t('device.metrics')}</th>
                  <th scope="col">{t('device.online')}</th>
                  <th scope="col" class="num">
                    {t('device.battery')}
                  </th>
                  <th scope="col" class="num">
                    {t('device.signal')}
                  </th>
                  <th scope="col">{t('device.lastSeen')}</th>
                </tr>
              </thead>
              <tbody>
                {devices.map((d) => (
                  <tr key={d.id}>
                    <td class="mono">{d.id}</td>
                    <td class="wrap mono">{d.metrics.join(', ')}</td>
                    <td>
                      <span class={`health ${d.online ? 'ok' : 'bad'}`}>
                        {d.online ? t('device.online') : t('device.offline')}
                      </span>
                    </td>
                    <td class={`num mono health ${batteryClass(d.batteryPct)}`}>
                      {d.batteryPct === null ? '—' : `${d.batteryPct}%`}
                    </td>
                    <td class={`num mono health ${signalClass(d.rssiDbm)}`}>
                      {d.rssiDbm === null ? '—' : `${d.rssiDbm} dBm`}
                    </td>
                    <td class="mono">{d.lastSeenAt ? formatTime(d.lastSeenAt) : t('device.never')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </AsyncView>
    </section>
  );
}
