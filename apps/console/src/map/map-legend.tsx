import { useT } from '../i18n/i18n';
import { LEVELS_HIGH_FIRST } from '../ui/levels';

/** Colour key, including how an unverified level and an ungraded asset look. */
export function MapLegend() {
  const t = useT();
  return (
    <aside class="map-legend" aria-label={t('map.legend')}>
      <ul>
        {LEVELS_HIGH_FIRST.map((level) => (
          <li key={level}>
            <span class={`swatch level-${level}`} aria-hidden="true" />
            {t(`level.${level}`)}
          </li>
        ))}
        <li>
          <span class="swatch unverified" aria-hidden="true" />
          {t('level.unverified')}
        </li>
        <li>
          <span class="swatch level-none" aria-hidden="true" />
          {t('level.none')}
        </li>
      </ul>
    </aside>
  );
}
