import { useEffect } from 'preact/hooks';
import { fetchAssetAlarms } from '../api/alarms-api';
import { apiGet, fetchAllPages } from '../api/http';
import { fetchAssetRisk, fetchRiskHistory } from '../api/risk-api';
import type { AssetView, DevicePage, DeviceView } from '../api/types';
import { onPlatformEvent } from '../live/live-feed';
import { useT } from '../i18n/i18n';
import { AsyncView } from '../ui/async-view';
import { LevelBadge } from '../ui/level-badge';
import { kindLabel } from '../ui/kind-label';
import { Link } from '../ui/link';
import { mapFocusPath } from '../ui/router';
import { useLoad } from '../ui/use-load';
import { AssetAlarms } from './asset-alarms';
import { CensusCard } from './census-card';
import { ChildAssets } from './child-assets';
import { DeviceTable } from './device-table';
import { RiskCard } from './risk-card';
import { RiskHistory } from './risk-history';
import { TrendPanel } from './trend-panel';

const fetchDevices = (assetId: string) =>
  fetchAllPages<DevicePage, DeviceView>('/devices', { assetId }, (p) => p.items);

/** Reloads `reload` whenever a live event concerns this asset. */
function useReloadOn(assetId: string, prefix: string, reload: () => void): void {
  useEffect(
    () =>
      onPlatformEvent((event) => {
        const data = event.data as { assetId?: string };
        if (event.type.startsWith(prefix) && data.assetId === assetId) reload();
      }),
    [assetId],
  );
}

/** One asset: census record, risk level with its explanation and history, devices, trends and alarms. */
export function AssetPage(props: { id: string }) {
  const t = useT();
  const { id } = props;
  const [asset] = useLoad(() => apiGet<AssetView>(`/assets/${encodeURIComponent(id)}`), [id]);
  const [risk, reloadRisk] = useLoad(() => fetchAssetRisk(id), [id]);
  const [history, reloadHistory] = useLoad(() => fetchRiskHistory(id), [id]);
  const [devices, reloadDevices] = useLoad(() => fetchDevices(id), [id]);
  const [alarms, reloadAlarms] = useLoad(() => fetchAssetAlarms(id), [id]);
  useReloadOn(id, 'risk.', () => {
    reloadRisk();
    reloadHistory();
  });
  useReloadOn(id, 'device.', reloadDevices);
  useReloadOn(id, 'alarm.', reloadAlarms);

  return (
    <AsyncView value={asset}>
      {(a) => (
        <article class="asset-page" data-testid="asset-page">
          <header class="page-header">
            <Link href="/" class="back">
              ← {t('asset.back')}
            </Link>
            <h1>{a.name}</h1>
            <span class="mono muted">{a.id}</span>
            <span class="muted">
              {t(`domain.${a.domain}`)} · {kindLabel(a.kind, t)} · {a.district}
            </span>
            {risk.state === 'ready' && risk.value && (
              <LevelBadge level={risk.value.level} verified={risk.value.verified} />
            )}
            <Link href={mapFocusPath(a.id)}>{t('asset.locate')}</Link>
          </header>
          <div class="asset-grid">
            <div class="stack">
              <CensusCard asset={a} />
              <ChildAssets parentId={a.id} />
            </div>
            <RiskCard risk={risk} />
            <TrendPanel asset={a} devices={devices} alarms={alarms} />
            <DeviceTable devices={devices} />
            <AssetAlarms alarms={alarms} />
            <RiskHistory history={history} />
          </div>
        </article>
      )}
    </AsyncView>
  );
}
