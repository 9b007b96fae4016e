import type { RiskLevel } from '#contracts';
import { useT } from '../i18n/i18n';
import { LEVELS_HIGH_FIRST } from '../ui/levels';

/** Colour key with the number of assets at each level, and how unverified and ungraded assets look. */
export function MapLegend(props: { counts: Readonly<Record<RiskLevel | 'none', number>> }) {
  const t = useT();
  return (
    <aside class="map-legend" aria-label={t('map.legend')}>
      <ul>
        {LEVELS_HIGH_FIRST.map((level) => (
          <li key={level} data-testid={`legend-${level}`} data-count={props.counts[level]}>
            <span class={`swatch level-${level}`} aria-hidden="true" />
            {t(`level.${level}`)}
            <span class="count mono">{props.counts[level]}</span>
          </li>
        ))}
        <li>
          <span class="swatch unverified" aria-hidden="true" />
          {t('level.unverified')}
        </li>
        <li>
          <span class="swatch level-none" aria-hidden="true" />
          {t('level.none')}
          <span class="count mono">{props.counts.none}</span>
        </li>
      </ul>
    </aside>
  );
}
