import { useEffect, useRef, useState } from 'preact/hooks';
import { assetsStore, baseMapStore, marksStore } from '../data/assets-data';
import { langStore, translator } from '../i18n/i18n';
import { useStore } from '../ui/store';
import { wallModeStore } from '../ui/wall-mode';
import { MapFilters } from './map-filters';
import { MapLegend } from './map-legend';
import { NO_FILTER, type MapFilter } from './map-filter';
import { MapView } from './map-view';

/** The risk map: every asset coloured by its live level, with filters, legend and click-for-details. */
export function RiskMap() {
  const lang = useStore(langStore);
  const t = translator(lang);
  const element = useRef<HTMLDivElement>(null);
  const view = useRef<MapView | null>(null);
  const assets = useStore(assetsStore);
  const marks = useStore(marksStore);
  const base = useStore(baseMapStore);
  const wall = useStore(wallModeStore);
  const [filter, setFilter] = useState<MapFilter>(NO_FILTER);
  const [counts, setCounts] = useState({ shown: 0, total: 0 });

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
    setCounts(view.current.counts());
  }, [assets]);

  useEffect(() => {
    view.current?.setMarks(marks);
    // A level filter depends on the marks: re-apply it when they change.
    if (filter.levels.size > 0) view.current?.setFilter(filter);
    if (view.current) setCounts(view.current.counts());
  }, [marks]);

  useEffect(() => {
    view.current?.setFilter(filter);
    if (view.current) setCounts(view.current.counts());
  }, [filter]);

  useEffect(() => view.current?.resize(), [wall]);

  const districts = assets.state === 'ready' ? assets.value.districts : [];
  return (
    <section class="risk-map" aria-label={t('map.label')}>
      <div ref={element} class="map-canvas" data-testid="risk-map" />
      <MapFilters filter={filter} districts={districts} onChange={setFilter} />
      <MapLegend />
      <p class="map-status" role="status" data-testid="map-status" data-shown={counts.shown} data-total={counts.total}>
        {assets.state === 'loading'
          ? t('map.loading')
          : assets.state === 'error'
            ? t('common.error', { detail: assets.message })
            : t('map.shown', { shown: counts.shown, total: counts.total })}
      </p>
    </section>
  );
}
