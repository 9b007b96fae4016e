import { useEffect, useRef, useState } from 'preact/hooks';
import { assetsStore, baseMapStore, marksStore } from '../data/assets-data';
import { langStore, translator } from '../i18n/i18n';
import { useStore } from '../ui/store';
import { wallModeStore } from '../ui/wall-mode';
import { NO_FILTER, type MapFilter } from './map-filter';
import { MapFilters } from './map-filters';
import { MapLegend } from './map-legend';
import { MapView, type MapCounts } from './map-view';

const NO_COUNTS: MapCounts = {
  shown: 0,
  total: 0,
  byLevel: { major: 0, larger: 0, general: 0, low: 0, none: 0 },
};

/**
 * The risk map: every asset coloured by its live level, with filters, a legend with counts and
 * click-for-details. `focus` (from `/?focus=ID`) centres the map on one asset and opens its popup.
 */
export function RiskMap(props: { focus: string | null }) {
  const lang = useStore(langStore);
  const t = translator(lang);
  const element = useRef<HTMLDivElement>(null);
  const view = useRef<MapView | null>(null);
  const assets = useStore(assetsStore);
  const marks = useStore(marksStore);
  const base = useStore(baseMapStore);
  const wall = useStore(wallModeStore);
  const [filter, setFilter] = useState<MapFilter>(NO_FILTER);
  const [counts, setCounts] = useState<MapCounts>(NO_COUNTS);
  const refreshCounts = () => view.current && setCounts(view.current.counts());

  useEffect(() => {
    view.current = new MapView(element.current!, t);
    const observer = new ResizeObserver(() => view.current?.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      view.current?.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => view.current?.setTranslate(t), [lang]);

  useEffect(() => {
    if (base.state !== 'ready') return;
    view.current?.setBasemap(base.value.basemap);
    view.current?.setBaseMap(base.value.map);
  }, [base]);

  useEffect(() => {
    if (assets.state !== 'ready' || !view.current) return;
    view.current.setMarks(marksStore.get());
    view.current.setAssets(assets.value.features);
    view.current.setFilter(filter);
    refreshCounts();
  }, [assets]);

  useEffect(() => {
    view.current?.setMarks(marks);
    // A level filter depends on the marks: re-apply it when they change.
    if (filter.levels.size > 0) view.current?.setFilter(filter);
    refreshCounts();
  }, [marks]);

  useEffect(() => {
    view.current?.setFilter(filter);
    refreshCounts();
  }, [filter]);

  useEffect(() => {
    if (props.focus && assets.state === 'ready') view.current?.focus(props.focus);
  }, [props.focus, assets]);

  useEffect(() => view.current?.resize(), [wall]);

  const districts = assets.state === 'ready' ? assets.value.districts : [];
  return (
    <section class="risk-map" aria-label={t('map.label')}>
      <div ref={element} class="map-canvas" data-testid="risk-map" />
      <MapFilters filter={filter} districts={districts} onChange={setFilter} />
      <MapLegend counts={counts.byLevel} />
      <p
        class="map-status"
        role="status"
        data-testid="map-status"
        data-shown={counts.shown}
        data-total={counts.total}
      >
        {assets.state === 'loading'
          ? t('map.loading')
          : assets.state === 'error'
            ? t('common.error', { detail: assets.message })
            : t('map.shown', { shown: counts.shown, total: counts.total })}
      </p>
    </section>
  );
}
