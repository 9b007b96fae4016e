import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { RiskLevel } from '#contracts';
import type { AssetFeature, BaseMap, Basemap, RiskMark } from '../api/types';
import type { Translate } from '../i18n/i18n';
import { assetPopup } from './asset-popup';
import { AssetLayer } from './asset-layer';
import { baseLayer } from './base-layer';
import type { MapFilter } from './map-filter';

export interface MapCounts {
  shown: number;
  total: number;
  byLevel: Record<RiskLevel | 'none', number>;
}

/**
 * The Leaflet map of the risk-map screen: an optional tile layer (CONSOLE_TILE_URL), the offline base
 * map and the assets, each on its own canvas pane. Preact owns the controls around it; this class owns
 * everything inside the map element.
 */
export class MapView {
  private readonly map: L.Map;
  private readonly assets: AssetLayer;
  private readonly baseRenderer: L.Renderer;
  private base: L.GeoJSON | null = null;
  /** Set once the view follows a focus request: later data no longer re-fits it. */
  private focused = false;
  /** The popup on screen and its asset: refreshed when grades or the language change. */
  private open: { popup: L.Popup; feature: AssetFeature } | null = null;

  constructor(
    element: HTMLElement,
    private t: Translate,
  ) {
    this.map = L.map(element, {
      preferCanvas: true,
      zoomSnap: 0.25,
      minZoom: 10,
      maxZoom: 19,
      attributionControl: true,
    });
    this.map.attributionControl.setPrefix(false);
    this.map.createPane('base').style.zIndex = '250';
    this.baseRenderer = L.canvas({ pane: 'base' });
    // Tolerance widens hit testing, so thin pipelines and small manholes are easy to click.
    const assetRenderer = L.canvas({ padding: 0.3, tolerance: 5 });
    this.assets = new AssetLayer(assetRenderer, (feature, at) => this.select(feature, at));
    this.assets.halos.group.addTo(this.map);
    this.assets.group.addTo(this.map);
    this.map.setView([39.61, 109.78], 13);
  }

  setTranslate(t: Translate): void {
    this.t = t;
    this.refreshPopup();
  }

  setBasemap(basemap: Basemap): void {
    if (!basemap.tileUrl) return;
    L.tileLayer(basemap.tileUrl, {
      attribution: basemap.attribution ?? '',
      maxZoom: 19,
      opacity: 0.55,
    }).addTo(this.map);
  }

  /** The district's outline frames the view (the assets do until it arrives). */
  setBaseMap(map: BaseMap): void {
    this.base?.remove();
    this.base = baseLayer(map, this.baseRenderer).addTo(this.map);
    this.fit(this.base.getBounds());
  }

  setAssets(features: readonly AssetFeature[]): void {
    this.assets.setAssets(features);
    if (!this.base && features.length > 0) this.fit(this.assets.group.getBounds());
  }

  setMarks(marks: ReadonlyMap<string, RiskMark>): void {
    this.assets.setMarks(marks);
    this.refreshPopup();
  }

  setFilter(filter: MapFilter): void {
    this.assets.setFilter(filter);
  }

  counts(): MapCounts {
    return {
      shown: this.assets.visibleCount(),
      total: this.assets.totalCount(),
      byLevel: this.assets.levelCounts(),
    };
  }

  /** Centres the map on an asset and opens its popup; false when the asset is not on the map. */
  focus(id: string): boolean {
    const found = this.assets.locate(id);
    if (!found) return false;
    this.map.stop();
    this.map.fitBounds(found.bounds, { maxZoom: 17, padding: [80, 80], animate: false });
    this.focused = true;
    this.select(found.feature, found.bounds.getCenter());
    return true;
  }

  /** Keeps the map filling its element after a layout change (wall mode, window resize). */
  resize(): void {
    this.map.invalidateSize();
  }

  destroy(): void {
    this.map.remove();
  }

  private fit(bounds: L.LatLngBounds): void {
    if (this.focused || !bounds.isValid()) return;
    // Not animated: a focus requested meanwhile must not be undone when an animation ends.
    this.map.fitBounds(bounds, { padding: [16, 16], animate: false });
  }

  private select(feature: AssetFeature, at: L.LatLng): void {
    const popup = L.popup({ maxWidth: 360, className: 'asset-popup-wrap' })
      .setLatLng(at)
      .setContent(assetPopup(feature, this.assets.mark(feature.id), this.t))
      .openOn(this.map);
    this.open = { popup, feature };
    popup.once('remove', () => {
      if (this.open?.popup === popup) this.open = null;
    });
  }

  private refreshPopup(): void {
    if (this.open)
      this.open.popup.setContent(
        assetPopup(this.open.feature, this.assets.mark(this.open.feature.id), this.t),
      );
  }
}
