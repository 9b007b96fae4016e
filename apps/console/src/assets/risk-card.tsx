import type { AssetRiskView, ExplainedFactor } from '../api/risk-api';
import { formatTime, useT, type Translate } from '../i18n/i18n';
import { AsyncView } from '../ui/async-view';
import { LevelBadge } from '../ui/level-badge';
import type { Loadable } from '../ui/loadable';

/** A factor's input or source as one short line (census values, the alarm or report that triggered it). */
function brief(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(brief).join(', ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(
      ([k, v]) =>
        `${k}: ${typeof v === 'object' && v !== null && !Array.isArray(v) ? JSON.stringify(v) : brief(v)}`,
    )
    .join(', ');
}

function FactorTable(props: { factors: readonly ExplainedFactor[]; t: Translate; dynamic?: boolean }) {
  const { t } = props;
  if (props.factors.length === 0) return <p class="muted">{t('common.none')}</p>;
  return (
    <table class="data-table compact">
      <thead>
        <tr>
          <th scope="col">{t('asset.factor')}</th>
          <th scope="col">{t('asset.input')}</th>
          <th scope="col" class="num">
            {t('asset.contribution')}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.factors.map((f) => {
          const amount = props.dynamic ? f.delta : f.contribution;
          return (
            <tr key={f.key} class={f.known === false ? 'muted' : undefined}>
              <td>
                {f.label ?? f.key} <span class="muted">({f.dimension === 'likelihood' ? 'L' : 'S'})</span>
              </td>
              <td class="wrap">{brief(props.dynamic ? f.source : f.input)}</td>
              <td class="num mono">
                {amount === undefined ? '—' : `${amount > 0 && props.dynamic ? '+' : ''}${amount}`}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Explanation(props: { risk: AssetRiskView; t: Translate }) {
  const { risk, t } = props;
  const e = risk.explanation;
  return (
    <>
      <p class="score mono">{t('asset.score', { l: risk.likelihood, s: risk.severity, r: risk.score })}</p>
      {risk.reasons.length > 0 && (
        <ul class="reasons">
          {risk.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <p>
        <span class={`data-status ${e.monitoring.dataStatus}`}>
          {t(`asset.dataStatus.${e.monitoring.dataStatus}`)}
        </span>{' '}
        <span class="muted">{t('asset.since', { time: formatTime(risk.since) })}</span>
      </p>
      <h3>
        {t('asset.static')} <LevelBadge level={e.static.level} short />
      </h3>
      <FactorTable factors={e.static.factors} t={t} />
      <h3>{t('asset.dynamic')}</h3>
      <FactorTable factors={e.dynamic.factors} t={t} dynamic />
      {e.dynamic.overrides.length > 0 && (
        <>
          <h3>{t('asset.overrides')}</h3>
          <ul>
            {e.dynamic.overrides.map((o) => (
              <li key={o.key}>
                {o.key} ≥ <LevelBadge level={o.floor} short /> <span class="muted">{brief(o.source)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('asset.versions')}</h3>
      <ul class="versions mono">
        {Object.entries(e.versions).map(([part, version]) => (
          <li key={part}>
            {part}: {version}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The current level and why: R = L × S, the static and dynamic factors with their inputs, rule versions. */
export function RiskCard(props: { risk: Loadable<AssetRiskView | null> }) {
  const t = useT();
  return (
    <section class="card risk-card" aria-labelledby="risk-title" data-testid="risk-card">
      <h2 id="risk-title">
        {t('asset.risk')} · {t('asset.explanation')}
      </h2>
      <AsyncView value={props.risk}>
        {(risk) =>
          risk === null ? (
            <p class="muted">{t('asset.noRisk')}</p>
          ) : (
            <>
              <LevelBadge level={risk.level} verified={risk.verified} />
              <Explanation risk={risk} t={t} />
            </>
          )
        }
      </AsyncView>
    </section>
  );
}
