import type { RiskEventData } from '#contracts';
import { apiGet, errorText, fetchAllPages } from '../api/http';
import { fetchRiskMarks } from '../api/risk-api';
import type { AssetFeature, AssetFeaturePage, BaseMap, Basemap, RiskMark } from '../api/types';
import { onPlatformEvent } from '../live/live-feed';
import type { Loadable } from '../ui/loadable';
import { createStore } from '../ui/store';

export interface AssetIndex {
  features: readonly AssetFeature[];
  byId: ReadonlyMap<string, AssetFeature>;
  districts: readonly string[];
}

/** Every asset the session may see (a utility token: its unit's), for the map, the queue and the board. */
export const assetsStore = createStore<Loadable<AssetIndex>>({ state: 'loading' });
/** Current grade per asset id, kept live by risk.level_changed. */
export const marksStore = createStore<ReadonlyMap<string, RiskMark>>(new Map());
/** The grades are retried this often until they load (the map shows assets grey meanwhile). */
const MARKS_RETRY_MS = 10_000;

export const baseMapStore = createStore<Loadable<{ map: BaseMap; basemap: Basemap }>>({ state: 'loading' });

function indexOf(features: AssetFeature[]): AssetIndex {
  return {
    features,
    byId: new Map(features.map((f) => [f.id, f])),
    districts: [...new Set(features.map((f) => f.properties.district))].sort(),
  };
}

async function loadAssets(): Promise<void> {
  try {
    const features = await fetchAllPages<AssetFeaturePage, AssetFeature>(
      '/assets',
      { format: 'geojson' },
      (p) => p.features,
    );
    assetsStore.set({ state: 'ready', value: indexOf(features) });
  } catch (error) {
    assetsStore.set({ state: 'error', message: errorText(error) });
  }
}

async function loadBaseMap(): Promise<void> {
  try {
    const [map, basemap] = await Promise.all([
      apiGet<BaseMap>('/map/district'),
      apiGet<Basemap>('/map/basemap'),
    ]);
    baseMapStore.set({ state: 'ready', value: { map, basemap } });
  } catch (error) {
    baseMapStore.set({ state: 'error', message: errorText(error) });
  }
}

/**
 * Loads the registry, the grades and the base map once per session and keeps the grades live. Grades
 * that change while the list loads are kept: an event newer than the list wins.
 */
export function startAssetData(): () => void {
  const live = new Map<string, RiskMark>();
  const off = onPlatformEvent((event) => {
    if (event.type !== 'risk.level_changed') return;
    const data = event.data as unknown as RiskEventData;
    const mark = { level: data.to, verified: data.verified, since: event.timestamp };
    live.set(data.assetId, mark);
    marksStore.set((marks) => new Map(marks).set(data.assetId, mark));
  });
  void loadAssets();
  void loadBaseMap();
  let retry: ReturnType<typeof setTimeout> | undefined;
  const loadMarks = () =>
    fetchRiskMarks().then(
      (marks) => marksStore.set(new Map([...marks, ...live])),
      () => (retry = setTimeout(loadMarks, MARKS_RETRY_MS)),
    );
  void loadMarks();
  return () => {
    off();
    clearTimeout(retry);
  };
}
