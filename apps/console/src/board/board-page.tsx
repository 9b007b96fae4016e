import { alarmsStore } from '../data/alarm-queue';
import { assetsStore, marksStore } from '../data/assets-data';
import { useT } from '../i18n/i18n';
import { AsyncView } from '../ui/async-view';
import { useStore } from '../ui/store';
import { useNow } from '../ui/use-now';
import { AlarmStates } from './alarm-states';
import { useDeviceCensus, useKpiAlarms } from './board-data';
import { levelsByDomain, pipelineCoverage, responseKpis, summariseAlarms } from './board-stats';
import { KpiTile, ResponseTimes } from './kpi-tiles';
import { LevelDomainTable } from './level-domain-table';

/** DOMAIN.md §c.2: 市政管网管线智能化监测管理率 target ≥ 15 % (from the action plan). */
const COVERAGE_TARGET = 0.15;
const KPI_WINDOW_MS = 30 * 86_400_000;

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

/** The situation board: risk levels by domain, open alarms, device health, coverage, response times. */
export function BoardPage() {
  const t = useT();
  const now = useNow(15_000);
  const assets = useStore(assetsStore);
  const marks = useStore(marksStore);
  const alarms = useStore(alarmsStore);
  const devices = useDeviceCensus();
  const kpiAlarms = useKpiAlarms();
  const summary = summariseAlarms(alarms.values(), now);
  const features = assets.state === 'ready' ? assets.value.features : [];
  const coverage = devices.state === 'ready' ? pipelineCoverage(features, devices.value.assetIds) : null;

  return (
    <div class="board" data-testid="board">
      <div class="tiles">
        <KpiTile label={t('queue.title')} value={String(alarms.size)} tone={summary.major > 0 ? 'major' : undefined} detail={`${t('alarmLevel.major')} ${summary.major}`} />
        <KpiTile label={t('board.overdue')} value={String(summary.overdue)} tone={summary.overdue > 0 ? 'major' : 'ok'} />
        <KpiTile label={t('board.unacknowledged')} value={String(summary.unacknowledged)} tone={summary.unacknowledged > 0 ? 'larger' : 'ok'} />
        <AsyncView value={devices}>
          {(d) => (
            <KpiTile
              label={t('board.onlineRate')}
              value={d.total > 0 ? percent(d.online / d.total) : t('common.none')}
              detail={t('board.devices', { online: d.online, total: d.total })}
              tone={d.total > 0 && d.online / d.total < 0.9 ? 'larger' : 'ok'}
            />
          )}
        </AsyncView>
        {coverage && (
          <KpiTile
            label={t('board.coverage')}
            value={coverage.ratio === null ? t('common.none') : percent(coverage.ratio)}
            detail={t('board.coverageTarget', { target: COVERAGE_TARGET * 100, monitored: coverage.monitoredKm.toFixed(1), total: coverage.totalKm.toFixed(1) })}
            tone={coverage.ratio !== null && coverage.ratio >= COVERAGE_TARGET ? 'ok' : 'larger'}
            gauge={coverage.ratio === null ? undefined : { value: coverage.ratio, target: COVERAGE_TARGET }}
          />
        )}
      </div>
      <div class="board-grid">
        <section class="card" aria-labelledby="levels-title">
          <h2 id="levels-title">{t('board.levelByDomain')}</h2>
          <AsyncView value={assets}>{(a) => <LevelDomainTable rows={levelsByDomain(a.features, marks)} />}</AsyncView>
        </section>
        <section class="card" aria-labelledby="states-title">
          <h2 id="states-title">{t('board.alarmsByState')}</h2>
          <AlarmStates summary={summary} />
        </section>
        <section class="card" aria-labelledby="kpi-title">
          <h2 id="kpi-title">{t('board.kpis')}</h2>
          <AsyncView value={kpiAlarms}>{(list) => <ResponseTimes kpis={responseKpis(list, now - KPI_WINDOW_MS)} />}</AsyncView>
        </section>
      </div>
    </div>
  );
}
