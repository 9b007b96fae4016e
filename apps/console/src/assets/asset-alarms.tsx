import type { AlarmView } from '../api/alarms-api';
import { formatTime, useT } from '../i18n/i18n';
import { AsyncView } from '../ui/async-view';
import { LevelBadge } from '../ui/level-badge';
import type { Loadable } from '../ui/loadable';
import { formatValue } from '../alarms/alarm-age';
import { metricUnit } from './metric-units';

/** The asset's latest alarms, open or closed, with level, state and the reading that raised them. */
export function AssetAlarms(props: { alarms: Loadable<AlarmView[]> }) {
  const t = useT();
  return (
    <section class="card alarms-card" aria-labelledby="asset-alarms-title">
      <h2 id="asset-alarms-title">{t('asset.alarms')}</h2>
      <AsyncView value={props.alarms}>
        {(alarms) =>
          alarms.length === 0 ? (
            <p class="muted">{t('queue.empty')}</p>
          ) : (
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('common.time')}</th>
                  <th scope="col">{t('map.level')}</th>
                  <th scope="col">{t('queue.states')}</th>
                  <th scope="col">{t('trend.metric')}</th>
                  <th scope="col">{t('queue.acknowledged')}</th>
                </tr>
              </thead>
              <tbody>
                {alarms.map((a) => {
                  const unit = a.metric ? metricUnit(a.domain, a.metric) : undefined;
                  return (
                    <tr key={a.id}>
                      <td class="mono">{formatTime(a.raisedAt)}</td>
                      <td>
                        <LevelBadge level={a.level} kind="alarm" />
                      </td>
                      <td>{t(`state.${a.state}`)}</td>
                      <td class="mono">{a.metric ? `${a.metric} ${formatValue(a.value, unit)}` : '—'}</td>
                      <td class="mono">
                        {a.acknowledged ? `${a.acknowledged.by} · ${formatTime(a.acknowledged.at)}` : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </AsyncView>
    </section>
  );
}
