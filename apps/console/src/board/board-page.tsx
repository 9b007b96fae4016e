import { alarmsStore } from '../data/alarm-queue';
import { assetsStore, marksStore } from '../data/assets-data';
import { useT } from '../i18n/i18n';
import { AsyncView } from '../ui/async-view';
import { LEVELS_HIGH_FIRST } from '../ui/levels';
import { useStore } from '../ui/store';
import { useNow } from '../ui/use-now';
import { AlarmStates } from './alarm-states';
import { useKpiAlarms, useOfflineDevices, useReportFigures } from './board-data';
import { LIST_ROWS, OfflineDevices, RecentChanges } from './board-lists';
import { levelsByDomain, recentChanges, responseKpis, summariseAlarms } from './board-stats';
import { CoverageTile, KpiTile, percent, ResponseTimes } from './kpi-tiles';
import { LevelDomainTable } from './level-domain-table';

const KPI_WINDOW_MS = 30 * 86_400_000;

/** The situation board: risk levels by domain, open alarms, device health, coverage, response times. */
export function BoardPage() {
  const t = useT();
  const now = useNow(15_000);
  const assets = useStore(assetsStore);
  const marks = useStore(marksStore);
  const alarms = useStore(alarmsStore);
  const figures = useReportFigures();
  const offline = useOfflineDevices(LIST_ROWS);
  const kpiAlarms = useKpiAlarms();
  const summary = summariseAlarms(alarms.values(), now);

  return (
    <div class="board" data-testid="board">
      <div class="tiles">
        <KpiTile
          label={t('queue.title')}
          value={String(alarms.size)}
          tone={summary.byLevel.major > 0 ? 'major' : undefined}
          detail={LEVELS_HIGH_FIRST.map((l) => `${t(`alarmLevel.${l}`)} ${summary.byLevel[l]}`).join(' · ')}
        />
        <KpiTile
          label={t('board.overdue')}
          value={String(summary.overdue)}
          tone={summary.overdue > 0 ? 'major' : 'ok'}
        />
        <KpiTile
          label={t('board.unacknowledged')}
          value={String(summary.unacknowledged)}
          tone={summary.unacknowledged > 0 ? 'larger' : 'ok'}
        />
        <AsyncView value={figures}>
          {({ devices, coverage }) => (
            <>
              <KpiTile
                label={t('board.onlineRate')}
                value={devices.rate === null ? t('common.none') : percent(devices.rate)}
                detail={t('board.devices', { online: devices.online, total: devices.enabled })}
                tone={devices.rate !== null && devices.rate < 0.9 ? 'larger' : 'ok'}
              />
              <CoverageTile coverage={coverage} />
            </>
          )}
        </AsyncView>
      </div>
      <div class="board-grid">
        <section class="card" aria-labelledby="levels-title">
          <h2 id="levels-title">{t('board.levelByDomain')}</h2>
          <AsyncView value={assets}>
            {(a) => <LevelDomainTable rows={levelsByDomain(a.features, marks)} />}
          </AsyncView>
        </section>
        <section class="card" aria-labelledby="states-title">
          <h2 id="states-title">{t('board.alarmsByState')}</h2>
          <AlarmStates summary={summary} />
        </section>
        <section class="card" aria-labelledby="kpi-title">
          <h2 id="kpi-title">{t('board.kpis')}</h2>
          <AsyncView value={kpiAlarms}>
            {(list) => <ResponseTimes kpis={responseKpis(list, now - KPI_WINDOW_MS)} />}
          </AsyncView>
        </section>
        <section class="card wide" aria-labelledby="changes-title">
          <h2 id="changes-title">{t('board.recentChanges')}</h2>
          <RecentChanges changes={recentChanges(marks, LIST_ROWS)} />
        </section>
        <section class="card wide" aria-labelledby="offline-title">
          <h2 id="offline-title">{t('board.offlineDevices')}</h2>
          <AsyncView value={offline}>{(devices) => <OfflineDevices devices={devices} />}</AsyncView>
        </section>
      </div>
    </div>
  );
}
