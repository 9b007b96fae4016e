import type { RiskChangeView } from '../api/risk-api';
import { formatTime, useT } from '../i18n/i18n';
import { AsyncView } from '../ui/async-view';
import { LevelBadge } from '../ui/level-badge';
import type { Loadable } from '../ui/loadable';

/** Every level change of the asset, newest first, with its reason and rule version. */
export function RiskHistory(props: { history: Loadable<RiskChangeView[]> }) {
  const t = useT();
  return (
    <section class="card history-card" aria-labelledby="history-title">
      <h2 id="history-title">{t('asset.history')}</h2>
      <AsyncView value={props.history}>
        {(changes) =>
          changes.length === 0 ? (
            <p class="muted">{t('board.noData')}</p>
          ) : (
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('common.time')}</th>
                  <th scope="col">{t('asset.risk')}</th>
                  <th scope="col">{t('common.reason')}</th>
                  <th scope="col">{t('asset.versions')}</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.at + c.to}>
                    <td class="mono">{formatTime(c.at)}</td>
                    <td>
                      {c.from ? <LevelBadge level={c.from} short /> : t('common.none')} →{' '}
                      <LevelBadge level={c.to} verified={c.verified} short />
                    </td>
                    <td class="wrap">
                      <span class="mono muted">{c.reason}</span> {c.reasons.join('；')}
                    </td>
                    <td class="mono muted">{c.rulesetVersion}</td>
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
