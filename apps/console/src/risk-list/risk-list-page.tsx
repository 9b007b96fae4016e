import { DOMAINS, type Domain, type RiskLevel } from '#contracts';
import { useState } from 'preact/hooks';
import { errorText } from '../api/http';
import { fetchRiskList, fetchRiskListCsv, type RiskListQuery } from '../api/risk-api';
import { assetsStore } from '../data/assets-data';
import { formatTime, useT } from '../i18n/i18n';
import { AsyncView } from '../ui/async-view';
import { LevelBadge } from '../ui/level-badge';
import { LEVELS_HIGH_FIRST } from '../ui/levels';
import { Link } from '../ui/link';
import { assetPath } from '../ui/router';
import { useStore } from '../ui/store';
import { useLoad } from '../ui/use-load';
import { saveBlob } from './download';
import { ReportButton } from './report-button';

/** The risk list (风险清单): every graded asset, filterable, exportable as CSV, with the printable report. */
export function RiskListPage() {
  const t = useT();
  const assets = useStore(assetsStore);
  const [query, setQuery] = useState<RiskListQuery>({});
  const [list] = useLoad(() => fetchRiskList(query), [query.domain, query.district, query.level]);
  const [exportError, setExportError] = useState<string | null>(null);
  const districts = assets.state === 'ready' ? assets.value.districts : [];

  const exportCsv = async () => {
    setExportError(null);
    try {
      saveBlob(await fetchRiskListCsv(query), `risk-list-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch (error) {
      setExportError(errorText(error));
    }
  };

  return (
    <section class="risk-list-page" aria-labelledby="risk-list-title">
      <header class="page-header">
        <h1 id="risk-list-title">{t('riskList.title')}</h1>
        <div class="filters">
          <label>
            {t('map.domain')}
            <select
              value={query.domain ?? ''}
              onChange={(e) =>
                setQuery({ ...query, domain: (e.currentTarget.value || undefined) as Domain | undefined })
              }
            >
              <option value="">{t('map.all')}</option>
              {DOMAINS.map((d) => (
                <option key={d} value={d}>
                  {t(`domain.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('map.district')}
            <select
              value={query.district ?? ''}
              onChange={(e) => setQuery({ ...query, district: e.currentTarget.value || undefined })}
            >
              <option value="">{t('map.all')}</option>
              {districts.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('map.level')}
            <select
              value={query.level ?? ''}
              onChange={(e) =>
                setQuery({ ...query, level: (e.currentTarget.value || undefined) as RiskLevel | undefined })
              }
            >
              <option value="">{t('map.all')}</option>
              {LEVELS_HIGH_FIRST.map((l) => (
                <option key={l} value={l}>
                  {t(`level.${l}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div class="page-actions">
          <button type="button" onClick={exportCsv} data-testid="export-csv">
            {t('riskList.exportCsv')}
          </button>
          <ReportButton query={query} />
        </div>
        {exportError && (
          <p class="error" role="alert">
            {t('dialog.failed', { detail: exportError })}
          </p>
        )}
      </header>
      <AsyncView value={list}>
        {(entries) => (
          <>
            <p class="muted">{t('riskList.count', { count: entries.length })}</p>
            <table class="data-table" data-testid="risk-list">
              <thead>
                <tr>
                  <th scope="col">{t('riskList.asset')}</th>
                  <th scope="col">{t('riskList.name')}</th>
                  <th scope="col">{t('map.domain')}</th>
                  <th scope="col">{t('map.district')}</th>
                  <th scope="col">{t('map.level')}</th>
                  <th scope="col" class="num">
                    {t('riskList.score')}
                  </th>
                  <th scope="col">{t('riskList.since')}</th>
                  <th scope="col">{t('riskList.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.assetId}>
                    <td class="mono">
                      <Link href={assetPath(e.assetId)}>{e.assetId}</Link>
                    </td>
                    <td>{e.name}</td>
                    <td>{t(`domain.${e.domain}`)}</td>
                    <td>{e.district}</td>
                    <td>
                      <LevelBadge level={e.level} verified={e.verified} short />
                    </td>
                    <td class="num mono">{e.score}</td>
                    <td class="mono">{formatTime(e.since)}</td>
                    <td class="wrap">{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </AsyncView>
    </section>
  );
}
