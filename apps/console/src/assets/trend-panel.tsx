import type { CensusAttributes } from '#contracts';
import { useMemo, useState } from 'preact/hooks';
import type { AlarmView } from '../api/alarms-api';
import { apiGet } from '../api/http';
import type { AssetView, DeviceView } from '../api/types';
import { useT, type MessageKey } from '../i18n/i18n';
import { AsyncView } from '../ui/async-view';
import type { Loadable } from '../ui/loadable';
import { useLoad } from '../ui/use-load';
import { useNow } from '../ui/use-now';
import { thresholdLines } from './thresholds';
import { TrendChart, type AlarmPeriod, type TelemetryView } from './trend-chart';

const RANGES: readonly { key: MessageKey; ms: number }[] = [
  { key: 'trend.range.1h', ms: 3_600_000 },
  { key: 'trend.range.6h', ms: 6 * 3_600_000 },
  { key: 'trend.range.24h', ms: 24 * 3_600_000 },
  { key: 'trend.range.7d', ms: 7 * 86_400_000 },
];
/** Charts re-read InfluxDB this often while the page is open. */
const REFRESH_MS = 30_000;

/** Trend charts from InfluxDB: one metric at a time, with threshold lines and the asset's alarm periods. */
export function TrendPanel(props: {
  asset: AssetView;
  devices: Loadable<DeviceView[]>;
  alarms: Loadable<AlarmView[]>;
}) {
  const t = useT();
  const { asset } = props;
  const metrics =
    props.devices.state === 'ready' ? [...new Set(props.devices.value.flatMap((d) => d.metrics))].sort() : [];
  const [chosen, setChosen] = useState<string | null>(null);
  const [rangeMs, setRangeMs] = useState(RANGES[0].ms);
  const metric = chosen ?? metrics[0] ?? null;
  const tick = Math.floor(useNow(REFRESH_MS) / REFRESH_MS);
  const [series] = useLoad(async () => {
    if (metric === null) return null;
    const to = new Date();
    const from = new Date(to.getTime() - rangeMs);
    return apiGet<TelemetryView>(`/assets/${encodeURIComponent(asset.id)}/telemetry`, {
      metric,
      from: from.toISOString(),
      to: to.toISOString(),
    });
  }, [asset.id, metric, rangeMs, tick]);
  const lines = useMemo(
    () => (metric ? thresholdLines(asset.domain, metric, asset.attributes as CensusAttributes) : []),
    [asset, metric],
  );
  const periods: AlarmPeriod[] =
    props.alarms.state === 'ready'
      ? props.alarms.value
          .filter((a) => a.metric === metric)
          .map((a) => ({
            from: Date.parse(a.raisedAt),
            to: a.closedAt ? Date.parse(a.closedAt) : null,
            level: a.level,
          }))
      : [];

  return (
    <section class="card trend-card" aria-labelledby="trend-title">
      <h2 id="trend-title">{t('asset.trends')}</h2>
      <div class="trend-controls">
        <label>
          {t('trend.metric')}
          <select
            value={metric ?? ''}
            onChange={(e) => setChosen(e.currentTarget.value)}
            data-testid="trend-metric"
          >
            {metrics.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <div role="group" aria-label={t('trend.range')} class="segmented">
          {RANGES.map((r) => (
            <button
              key={r.key}
              type="button"
              aria-pressed={rangeMs === r.ms}
              onClick={() => setRangeMs(r.ms)}
            >
              {t(r.key)}
            </button>
          ))}
        </div>
      </div>
      <AsyncView value={series}>
        {(view) =>
          view === null ? (
            <p class="muted">{t('asset.dataStatus.unmonitored')}</p>
          ) : (
            <TrendChart view={view} lines={lines} periods={periods} />
          )
        }
      </AsyncView>
    </section>
  );
}
