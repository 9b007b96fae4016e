import { DOMAINS } from '#contracts';
import { useT } from '../i18n/i18n';
import { LEVELS_HIGH_FIRST } from '../ui/levels';
import { toggle, type LevelChoice, type MapFilter } from './map-filter';

const LEVEL_CHOICES: readonly LevelChoice[] = [...LEVELS_HIGH_FIRST, 'none'];

/** Domain and level toggles and a district choice; nothing selected in a group means "all". */
export function MapFilters(props: {
  filter: MapFilter;
  districts: readonly string[];
  onChange: (f: MapFilter) => void;
}) {
  const t = useT();
  const { filter, onChange } = props;
  return (
    <form class="map-filters" aria-label={t('map.filters')} onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>{t('map.domain')}</legend>
        {DOMAINS.map((d) => (
          <label key={d} class="toggle">
            <input
              type="checkbox"
              checked={filter.domains.has(d)}
              onChange={() => onChange({ ...filter, domains: toggle(filter.domains, d) })}
            />
            {t(`domain.${d}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('map.level')}</legend>
        {LEVEL_CHOICES.map((level) => (
          <label key={level} class={`toggle level-toggle level-${level}`}>
            <input
              type="checkbox"
              checked={filter.levels.has(level)}
              onChange={() => onChange({ ...filter, levels: toggle(filter.levels, level) })}
            />
            {level === 'none' ? t('level.none') : t(`level.short.${level}`)}
          </label>
        ))}
      </fieldset>
      <label class="district-select">
        {t('map.district')}
        <select
          value={filter.districts.size === 1 ? [...filter.districts][0] : ''}
          onChange={(e) =>
            onChange({
              ...filter,
              districts: e.currentTarget.value ? new Set([e.currentTarget.value]) : new Set(),
            })
          }
        >
          <option value="">{t('map.all')}</option>
          {props.districts.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
