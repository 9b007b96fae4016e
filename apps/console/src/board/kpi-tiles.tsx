import { useT } from '../i18n/i18n';
import type { ReportFigures } from './board-data';
import type { ResponseKpi, ResponseKpis } from './board-stats';

export const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

export type Tone = 'major' | 'larger' | 'ok';

/** One headline number with an optional detail line and a gauge against a target. */
export function KpiTile(props: {
  label: string;
  value: string;
  detail?: string;
  tone?: Tone;
  gauge?: { value: number; target: number };
}) {
  const { gauge } = props;
  return (
    <section class={`kpi-tile${props.tone ? ` tone-${props.tone}` : ''}`} aria-label={props.label}>
      <h2>{props.label}</h2>
      <p class="kpi-value">{props.value}</p>
      {gauge && (
        <div class="gauge" role="meter" aria-valuemin={0} aria-valuemax={1} aria-valuenow={gauge.value}>
          <span class="fill" style={{ width: `${Math.min(1, gauge.value) * 100}%` }} />
          <span class="target" style={{ left: `${gauge.target * 100}%` }} />
        </div>
      )}
      {props.detail && <p class="kpi-detail">{props.detail}</p>}
    </section>
  );
}

/** "40 s", "4 min", "2.5 h", "3.1 d". */
function formatDuration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = ms / 60_000;
  if (minutes < 90) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} d`;
}

function Kpi(props: { label: string; kpi: ResponseKpi }) {
  const t = useT();
  return (
    <div class="response-kpi">
      <dt>{props.label}</dt>
      <dd class="kpi-value">
        {props.kpi.medianMs === null ? t('common.none') : formatDuration(props.kpi.medianMs)}
      </dd>
      <dd class="kpi-detail">{t('board.kpi.samples', { count: props.kpi.samples })}</dd>
    </div>
  );
}

/** Median time to verify, to dispatch and to close (DOMAIN.md §c.2 assessment KPIs). */
export function ResponseTimes(props: { kpis: ResponseKpis }) {
  const t = useT();
  return (
    <dl class="response-kpis">
      <Kpi label={t('board.kpi.verify')} kpi={props.kpis.verify} />
      <Kpi label={t('board.kpi.dispatch')} kpi={props.kpis.dispatch} />
      <Kpi label={t('board.kpi.close')} kpi={props.kpis.close} />
    </dl>
  );
}

/** 市政管网管线智能化监测管理率 against its target (DOMAIN.md §c.2: ≥ 15 %), as the report computes it. */
export function CoverageTile(props: { coverage: ReportFigures['coverage'] }) {
  const t = useT();
  const { overall, target } = props.coverage;
  return (
    <KpiTile
      label={t('board.coverage')}
      value={overall.ratio === null ? t('common.none') : percent(overall.ratio)}
      detail={t('board.coverageTarget', {
        target: target * 100,
        monitored: overall.monitoredKm.toFixed(1),
        total: overall.totalKm.toFixed(1),
      })}
      tone={overall.ratio !== null && overall.ratio >= target ? 'ok' : 'larger'}
      gauge={overall.ratio === null ? undefined : { value: overall.ratio, target }}
    />
  );
}
